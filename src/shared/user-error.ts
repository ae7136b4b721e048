/**
 * Failures in words the user can act on: `message` says what happened, `action` what to do. The
 * background throws UserError; the router passes its info through; views show it.
 */
export interface ErrorInfo {
  code: string;
  message: string;
  action?: string;
}

export class UserError extends Error {
  readonly info: ErrorInfo;
  constructor(code: string, message: string, action?: string) {
    super(message);
    this.name = 'UserError';
    this.info = action ? { code, message, action } : { code, message };
  }
}
