/** An error meant for the user: what happened and what to do. The router passes its info through. */
import type { ErrorInfo } from './protocol';

export class UserError extends Error {
  readonly info: ErrorInfo;
  constructor(code: string, message: string, action?: string) {
    super(message);
    this.name = 'UserError';
    this.info = action ? { code, message, action } : { code, message };
  }
}
