/** What to do with a file's answer, given the bytes of it already held on the device. */
export type ResumeDecision = 'append' | 'restart' | 'refuse';

/**
 * Decides how a file's answer joins the `held` bytes kept from an earlier, cut-off download of a file of `size`
 * bytes. A 200 carries the whole file (nothing was asked, or `If-Range` found the file changed, or the server ignores
 * ranges): start again. A 206 is only joined when its `Content-Range` continues exactly where the held bytes end and
 * runs to the file's last byte; any other range (a proxy that rewrote the request, a server that answered another
 * range) cannot be joined and is refused, so the partial bytes are dropped instead of making a corrupt file.
 */
export function resumeDecision(
  status: number,
  contentRange: string | null,
  held: number,
  size: number
): ResumeDecision {
  if (status === 200) return 'restart';
  if (status !== 206 || contentRange === null) return 'refuse';
  const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(contentRange);
  if (!match) return 'refuse';
  const [, start = '', end = '', total = ''] = match;
  if (Number(start) !== held || Number(end) !== size - 1) return 'refuse';
  if (total !== '*' && Number(total) !== size) return 'refuse';
  return 'append';
}
