import type { AdminUser } from '@mop/shared';
import { messageFor } from '$lib/services/errors';
import { sendPasswordReset, setUserActive, setUserRole } from './cohorts.service';

/** The admin console's user list and the actions on one user; each row shows its own outcome. */
export class UserAdmin {
  users = $state<AdminUser[]>([]);
  busy = $state<string | null>(null);
  outcome = $state<Record<string, { ok: boolean; message: string }>>({});

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
}
