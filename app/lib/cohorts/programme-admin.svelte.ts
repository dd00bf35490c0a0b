import QRCode from 'qrcode';
import type {
  CsvImportResult,
  Invitation,
  InvitationRequest,
  JoinLink,
  PendingMember,
  ProgrammeDetails,
  ProgrammeUpdate
} from '@mop/shared';
import { messageFor } from '$lib/services/errors';
import {
  createJoinLink,
  decidePending,
  listInvitations,
  listJoinLinks,
  listPending,
  renewInvitation,
  revokeInvitation,
  revokeJoinLink,
  sendInvitations,
  setProgrammeArchived,
  updateProgramme,
  uploadInvitationCsv
} from './cohorts.service';
import { rememberJoinLink, rememberedJoinLinks } from './join-link-memory';
import { invitationRefusalMessage, type ProblemWording } from './csv-problems';

/** A link just made (the server keeps only its hash, so this is the only time it can be shown). */
export interface ShownLink {
  /** The invitation or join link it belongs to. */
  id: string;
  link: string;
  /** A PNG data URL of the QR code (join links only). */
  qr: string | null;
}

/**
 * The state of a programme's administration page: its settings, invitations, workshop join links and people waiting
 * for approval, with the actions a coordinator takes on them. Each action records its own error sentence.
 */
export class ProgrammeAdmin {
  programme = $state<ProgrammeDetails>() as ProgrammeDetails;
  invitations = $state<Invitation[]>([]);
  joinLinks = $state<JoinLink[]>([]);
  pending = $state<PendingMember[]>([]);
  /** The last links made, by invitation or join link id. */
  shownLinks = $state<Record<string, ShownLink>>({});
  csvPreview = $state<CsvImportResult | null>(null);
  csvFile = $state<File | null>(null);
  busy = $state<string | null>(null);
  error = $state<{ area: string; message: string } | null>(null);
  notice = $state<{ area: string; message: string } | null>(null);

  constructor(programme: ProgrammeDetails, invitations: Invitation[], joinLinks: JoinLink[], pending: PendingMember[]) {
    this.programme = programme;
    this.invitations = invitations;
    this.joinLinks = joinLinks;
    this.pending = pending;
  }

  get id(): string {
    return this.programme.id;
  }

  get readOnly(): boolean {
    return this.programme.archivedAt !== null;
  }

  /**
   * Runs one action: one at a time, its failure shown in `area` (in the words of `describe` when it has some).
   * Returns false when it failed.
   */
  private async act(
    area: string,
    work: () => Promise<void>,
    done?: string,
    describe: (error: unknown) => string | null = () => null
  ): Promise<boolean> {
    if (this.busy) return false;
    this.busy = area;
    this.error = null;
    this.notice = null;
    try {
      await work();
      if (done) this.notice = { area, message: done };
      return true;
    } catch (error) {
      this.error = { area, message: describe(error) ?? messageFor(error) };
      return false;
    } finally {
      this.busy = null;
    }
  }

  errorIn(area: string): string | null {
    return this.error?.area === area ? this.error.message : null;
  }

  noticeIn(area: string): string | null {
    return this.notice?.area === area ? this.notice.message : null;
  }

  saveSettings(update: ProgrammeUpdate, done: string) {
    return this.act(
      'settings',
      async () => {
        this.programme = await updateProgramme(this.id, update);
      },
      done
    );
  }

  setArchived(archived: boolean) {
    return this.act('settings', async () => {
      this.programme = await setProgrammeArchived(this.id, archived);
    });
  }

  private async refreshInvitations() {
    this.invitations = (await listInvitations(this.id)).invitations;
  }

  invite(requests: InvitationRequest[], done: string) {
    return this.act(
      'invite',
      async () => {
        const { invitations } = await sendInvitations(this.id, requests);
        for (const issued of invitations)
          this.shownLinks[issued.invitation.id] = { id: issued.invitation.id, link: issued.link, qr: null };
        await this.refreshInvitations();
      },
      done,
      (error) => invitationRefusalMessage(error, { source: 'list' })
    );
  }

  previewCsv(file: File) {
    this.csvFile = file;
    this.csvPreview = null;
    return this.act('csv', async () => {
      this.csvPreview = await uploadInvitationCsv(this.id, file, true);
    });
  }

  /** Sends the previewed list; `wording` words a refusal as the preview did (the file's or the pasted list's lines). */
  sendCsv(done: string, wording: ProblemWording) {
    const file = this.csvFile;
    if (!file) return Promise.resolve(false);
    return this.act(
      'csv',
      async () => {
        const result = await uploadInvitationCsv(this.id, file, false);
        for (const issued of result.invitations)
          this.shownLinks[issued.invitation.id] = { id: issued.invitation.id, link: issued.link, qr: null };
        this.csvPreview = null;
        this.csvFile = null;
        await this.refreshInvitations();
      },
      done,
      (error) => invitationRefusalMessage(error, wording)
    );
  }

  clearCsv() {
    this.csvPreview = null;
    this.csvFile = null;
  }

  renew(invitationId: string, how: 'resend' | 'link', done: string) {
    return this.act(
      `invitation:${invitationId}`,
      async () => {
        const issued = await renewInvitation(this.id, invitationId, how);
        this.shownLinks[invitationId] = { id: invitationId, link: issued.link, qr: null };
        await this.refreshInvitations();
      },
      done
    );
  }

  revoke(invitationId: string) {
    return this.act(`invitation:${invitationId}`, async () => {
      await revokeInvitation(this.id, invitationId);
      delete this.shownLinks[invitationId];
      await this.refreshInvitations();
    });
  }

  makeJoinLink(request: { role: 'mentor' | 'mentee'; expiresInHours: number; maxUses: number }) {
    return this.act('join', async () => {
      const issued = await createJoinLink(this.id, request);
      await this.showJoinLink(issued.joinLink.id, issued.link);
      rememberJoinLink(this.id, issued.joinLink.id, issued.link);
      this.joinLinks = (await listJoinLinks(this.id)).joinLinks;
    });
  }

  private async showJoinLink(id: string, link: string) {
    // Rendered here, in the page: the QR code is of the link itself, so a phone camera opens it directly.
    const qr = await QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
    this.shownLinks[id] = { id, link, qr };
  }

  /** Shows again the open links this browser tab made before the page was reloaded (see `join-link-memory.ts`). */
  async restoreJoinLinks() {
    const remembered = rememberedJoinLinks(this.id, this.joinLinks);
    for (const [id, link] of Object.entries(remembered)) if (!this.shownLinks[id]) await this.showJoinLink(id, link);
  }

  closeJoinLink(linkId: string) {
    return this.act('join', async () => {
      await revokeJoinLink(this.id, linkId);
      delete this.shownLinks[linkId];
      this.joinLinks = (await listJoinLinks(this.id)).joinLinks;
      rememberedJoinLinks(this.id, this.joinLinks);
    });
  }

  decide(userId: string, approve: boolean) {
    return this.act('pending', async () => {
      this.pending = (await decidePending(this.id, userId, approve)).pending;
    });
  }

  refreshPending() {
    return this.act('pending', async () => {
      this.pending = (await listPending(this.id)).pending;
    });
  }
}
