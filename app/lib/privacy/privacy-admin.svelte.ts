import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, type PrivacySettings } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import { messageFor } from '$lib/services/errors';
import { savePrivacySettings, saveProgrammeRetention } from '$lib/services/privacy.service';

type Outcome = { ok: boolean; text: string } | null;

const validDays = (days: number) => Number.isInteger(days) && days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS;

/** The admin's privacy page: the notice, the imprint, the default retention and each programme's own. */
export class PrivacyAdmin {
  notice = $state('');
  imprint = $state('');
  retentionDays = $state(365);
  noticeVersion = $state(1);
  programmes = $state<PrivacySettings['programmes']>([]);
  /** Each programme's field: '' means the platform's default. */
  programmeDays = $state<Record<string, string>>({});
  busy = $state(false);
  outcome = $state<Outcome>(null);
  programmeOutcome = $state<Record<string, Outcome>>({});

  constructor(settings: PrivacySettings) {
    this.show(settings);
  }

  private show(settings: PrivacySettings) {
    this.notice = settings.notice;
    this.imprint = settings.imprint;
    this.retentionDays = settings.retentionDays;
    this.noticeVersion = settings.noticeVersion;
    this.programmes = settings.programmes;
    this.programmeDays = Object.fromEntries(
      settings.programmes.map((p) => [p.id, p.retentionDays === null ? '' : String(p.retentionDays)])
    );
  }

  async save(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    this.outcome = null;
    if (!validDays(this.retentionDays)) {
      this.outcome = {
        ok: false,
        text: m.privacy_admin_days_range({ min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS })
      };
      return;
    }
    this.busy = true;
    try {
      const before = this.noticeVersion;
      this.show(
        await savePrivacySettings({ notice: this.notice, imprint: this.imprint, retentionDays: this.retentionDays })
      );
      this.outcome = {
        ok: true,
        text:
          this.noticeVersion > before
            ? m.privacy_admin_saved_new_version({ version: this.noticeVersion })
            : m.account_saved()
      };
    } catch (error) {
      this.outcome = { ok: false, text: messageFor(error) };
    } finally {
      this.busy = false;
    }
  }

  async saveProgramme(programmeId: string) {
    if (this.busy) return;
    const raw = (this.programmeDays[programmeId] ?? '').trim();
    const days = raw === '' ? null : Number(raw);
    if (days !== null && !validDays(days)) {
      this.programmeOutcome[programmeId] = {
        ok: false,
        text: m.privacy_admin_days_range({ min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS })
      };
      return;
    }
    this.busy = true;
    try {
      this.show(await saveProgrammeRetention(programmeId, days));
      this.programmeOutcome[programmeId] = { ok: true, text: m.account_saved() };
    } catch (error) {
      this.programmeOutcome[programmeId] = { ok: false, text: messageFor(error) };
    } finally {
      this.busy = false;
    }
  }
}
