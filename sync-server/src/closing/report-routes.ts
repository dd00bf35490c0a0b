import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { ReportQuerySchema, type ProgrammeReport, type ReportList } from '@mop/shared';
import { ApiRefusal, guarded } from '../http/refusal.ts';
import type { ModuleContext } from '../module.ts';
import type { MatchingStore } from '../matching/store.ts';
import { coordinatedProgramme } from './access.ts';
import { reportCsv, reportXlsx } from './export-file.ts';
import { programmeReport, type ReportRange } from './report.ts';
import type { ClosingStore } from './store.ts';

/** The report query (`from`, `to`, `inactiveWeeks`), or a 400 naming the bad field. */
function readRange(c: Context): ReportRange {
  const parsed = v.safeParse(ReportQuerySchema, c.req.query());
  if (!parsed.success)
    throw new ApiRefusal(400, 'invalid_request', parsed.issues.map((issue) => issue.message).join('; '));
  const range = parsed.output;
  if (range.from && range.to && range.from > range.to)
    throw new ApiRefusal(400, 'invalid_request', 'from must not be after to');
  return range;
}

/** A file name safe in a Content-Disposition header: the programme id and the range. */
function fileName(id: string, range: ReportRange, extension: string): string {
  const safe = id.replace(/[^A-Za-z0-9_-]/g, '_');
  return `mop-report-${safe}${range.from ? `-from-${range.from}` : ''}${range.to ? `-to-${range.to}` : ''}.${extension}`;
}

/**
 * The programme dashboard's figures for its coordinators and admins (`/programmes/:id/report`), the same as CSV and
 * XLSX for funders, and the admin's view across programmes and organisations (`/reports`).
 */
export function reportRoutes(ctx: ModuleContext, closing: ClosingStore, matching: MatchingStore): Hono {
  const app = new Hono();

  const reportFor = (c: Context): { report: ProgrammeReport; range: ReportRange } => {
    const user = ctx.auth.requireUser(c);
    const programme = coordinatedProgramme(ctx, closing, user, c.req.param('id') ?? '');
    const range = readRange(c);
    const report = programmeReport(ctx, closing, matching, programme, range);
    if (report.inactive.length > 0)
      ctx.access.record(user, {
        subjectUserIds: report.inactive.map((p) => p.id),
        programmeId: programme.id,
        what: 'participants'
      });
    return { report, range };
  };

  app.get(
    '/programmes/:id/report',
    guarded((c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(reportFor(c).report);
    })
  );

  app.get(
    '/programmes/:id/report.csv',
    guarded((c) => {
      const { report, range } = reportFor(c);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${fileName(report.programmeId, range, 'csv')}"`);
      c.header('Cache-Control', 'no-store');
      return c.body(reportCsv([report], c.req.query('lang')));
    })
  );

  app.get(
    '/programmes/:id/report.xlsx',
    guarded(async (c) => {
      const { report, range } = reportFor(c);
      const file = await reportXlsx([report], c.req.query('lang'));
      c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      c.header('Content-Disposition', `attachment; filename="${fileName(report.programmeId, range, 'xlsx')}"`);
      c.header('Cache-Control', 'no-store');
      return c.body(new Uint8Array(file));
    })
  );

  app.get(
    '/reports',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      if (user.role !== 'admin') throw new ApiRefusal(403, 'forbidden', 'Only admins see every programme’s report');
      const range = readRange(c);
      const body: ReportList = {
        reports: closing.listProgrammes().map((programme) => programmeReport(ctx, closing, matching, programme, range))
      };
      c.header('Cache-Control', 'no-store');
      return c.json(body);
    })
  );

  return app;
}
