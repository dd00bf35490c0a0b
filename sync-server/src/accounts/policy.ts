/** What the accounts routes need beyond the module context. */
export interface AccountPolicy {
  /** The platform's name, as mails carry it. */
  platformName(): string;
  /** False for accounts that must get no reset link (deactivated ones). */
  mayReceivePasswordReset(userId: string): boolean;
}
