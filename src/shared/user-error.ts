/**
 * Failures in words the user can act on: `message` says what happened, `action` what to do, each
 * a message id with parameters that the views render in the user's language. The background
 * throws UserError; the router passes its info through; views show it.
 */
import type { Words } from '../core';

export interface ErrorInfo {
  code: string;
  message: Words;
  action?: Words;
}

export class UserError extends Error {
  readonly info: ErrorInfo;
  constructor(code: string, message: Words, action?: Words) {
    super(message.id);
    this.name = 'UserError';
    this.info = action ? { code, message, action } : { code, message };
  }
}
