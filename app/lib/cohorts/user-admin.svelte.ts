import type { AdminUser } from '@mop/shared';
import { messageFor } from '$lib/services/errors';
import { downloadUserData, eraseUser } from '$lib/services/privacy.service';
import { sendPasswordReset, setUserActive, setUserRole } from './cohorts.service';

/** The admin console's user list and the actions on one user; each row shows its own outcome. */
export class UserAdmin {
  users = $state<AdminUser[]>([]);
  busy = $state<string | null>(null);
  outcome = $state<Record<string, { ok: boolean; message: string }>>({});
  /** The user whose erasure form is open, and the address typed to confirm it. */
  erasing = $state<string | null>(null);
  eraseEmail = $state('');

  constructor(users: AdminUser[]) {
    this.users = users;
  }

  private async act(userId: string, work: () => Promise<AdminUser | null>, done: string) {
    if (this.busy) return;
    this.busy = userId;
    try {
      const updated = await work();
      if (updated) this.users = this.users.map((user) => (user.id === userId ? updated : user));
      this.outcome[userId] = { ok: true, message: done };
    } catch (error) {
      this.outcome[userId] = { ok: false, message: messageFor(error) };
    } finally {
      this.busy = null;
    }
  }

  setActive(userId: string, active: boolean, done: string) {
    return this.act(userId, () => setUserActive(userId, active), done);
  }

  setRole(userId: string, role: AdminUser['role'], done: string) {
    return this.act(userId, () => setUserRole(userId, role), done);
  }

  sendReset(userId: string, done: string) {
    return this.act(
      userId,
      async () => {
        await sendPasswordReset(userId);
        return null;
      },
      done
    );
  }

  /** Downloads a user's data archive on their behalf (audited on the server). */
  downloadData(userId: string, done: string) {
    return this.act(
      userId,
      async () => {
        await downloadUserData(userId);
        return null;
      },
      done
    );
  }

  openErasure(userId: string | null) {
    this.erasing = userId;
    this.eraseEmail = '';
  }

  /** Erases a user for good; the row leaves the list and `done` is shown above it. */
  async erase(userId: string, done: string): Promise<string | null> {
    if (this.busy) return null;
    this.busy = userId;
    try {
      await eraseUser(userId, this.eraseEmail.trim());
      this.users = this.users.filter((user) => user.id !== userId);
      this.erasing = null;
      return done;
    } catch (error) {
      this.outcome[userId] = { ok: false, message: messageFor(error) };
      return null;
    } finally {
      this.busy = null;
    }
  }
}
