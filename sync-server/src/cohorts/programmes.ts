import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import {
  OrganisationRequestSchema,
  ProgrammeCreateSchema,
  ProgrammeDuplicateSchema,
  ProgrammeUpdateSchema,
  type ProgrammeDetails,
  type OrganisationList,
  type ProgrammeDetailsList
} from '@mop/shared';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import { programmeSettings, updateProgrammeSettings } from '../matching/settings.ts';
import { audit, coordinatedProgramme, programmeDocNames, type CohortsContext } from './context.ts';

/**
 * Organisations (admins) and programme administration: admins create programmes in an organisation; a programme's
 * coordinators edit it, duplicate it for next year's cohort and archive it.
 */
export function programmeAdminRoutes(deps: CohortsContext): Hono {
  const { ctx, cohorts } = deps;
  const app = new Hono();

  const details = (id: string): ProgrammeDetails => {
    const programme = cohorts.getProgramme(id);
    if (!programme) throw new ApiRefusal(404, 'not_found', `No programme "${id}"`);
    return { ...programme, selfMatching: programmeSettings(deps.matching, id).selfMatching };
  };

  app.get(
    '/organisations',
    guarded((c) => {
      ctx.auth.requireAdmin(c);
      return c.json({ organisations: cohorts.listOrganisations() } satisfies OrganisationList);
    })
  );

  app.post(
    '/organisations',
    guarded(async (c) => {
      const admin = ctx.auth.requireAdmin(c);
      const { name } = await readBody(c, OrganisationRequestSchema);
      const id = randomUUID();
      ctx.transaction(() => {
        if (cohorts.findOrganisationByName(name))
          throw new ApiRefusal(409, 'organisation_exists', `An organisation called "${name}" exists already`);
        cohorts.createOrganisation(id, name, ctx.now());
        audit(deps, admin, { action: 'organisation.create', organisationId: id, details: { name } });
      });
      return c.json(cohorts.getOrganisation(id), 201);
    })
  );

  app.patch(
    '/organisations/:orgId',
    guarded(async (c) => {
      const admin = ctx.auth.requireAdmin(c);
      const id = c.req.param('orgId') ?? '';
      const { name } = await readBody(c, OrganisationRequestSchema);
      ctx.transaction(() => {
        const other = cohorts.findOrganisationByName(name);
        if (other && other.id !== id)
          throw new ApiRefusal(409, 'organisation_exists', `An organisation called "${name}" exists already`);
        if (!cohorts.renameOrganisation(id, name)) throw new ApiRefusal(404, 'not_found', `No organisation "${id}"`);
        audit(deps, admin, { action: 'organisation.rename', organisationId: id, details: { name } });
      });
      return c.json(cohorts.getOrganisation(id));
    })
  );

  /** Every programme for admins (archived ones with `?archived=1`), or those the caller coordinates. */
  app.get(
    '/admin/programmes',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const includeArchived = c.req.query('archived') === '1';
      const coordinated = new Set(
        ctx.store
          .listProgrammeRoles(user.id)
          .filter((row) => row.role === 'coordinator')
          .map((row) => row.programmeId)
      );
      if (user.role !== 'admin' && coordinated.size === 0)
        throw new ApiRefusal(403, 'forbidden', 'Only admins and coordinators can do this');
      const programmes = cohorts
        .listProgrammes({ includeArchived })
        .filter((p) => user.role === 'admin' || coordinated.has(p.id))
        .map((p) => ({ ...p, selfMatching: programmeSettings(deps.matching, p.id).selfMatching }));
      return c.json({ programmes } satisfies ProgrammeDetailsList);
    })
  );

  app.post(
    '/programmes',
    guarded(async (c) => {
      const admin = ctx.auth.requireAdmin(c);
      const request = await readBody(c, ProgrammeCreateSchema);
      if (!cohorts.getOrganisation(request.organisationId))
        throw new ApiRefusal(404, 'organisation_not_found', `No organisation "${request.organisationId}"`);
      const id = randomUUID();
      ctx.transaction(() => {
        cohorts.createProgramme(
          { id, name: request.name, description: request.description ?? '', organisationId: request.organisationId },
          ctx.now()
        );
        audit(deps, admin, {
          action: 'programme.create',
          programmeId: id,
          organisationId: request.organisationId,
          details: { name: request.name }
        });
      });
      return c.json(details(id), 201);
    })
  );

  app.get(
    '/programmes/:id/details',
    guarded((c) => {
      const user = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(c, deps, user);
      return c.json(details(programme.id));
    })
  );

  app.patch(
    '/programmes/:id',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const programme = coordinatedProgramme(c, deps, user, { writable: true });
      const update = await readBody(c, ProgrammeUpdateSchema);
      const startsOn = update.startsOn !== undefined ? update.startsOn : programme.startsOn;
      const endsOn = update.endsOn !== undefined ? update.endsOn : programme.endsOn;
      if (startsOn && endsOn && endsOn < startsOn)
        throw new ApiRefusal(400, 'invalid_request', 'endsOn: the programme cannot end before it starts');
      ctx.transaction(() => {
        const { selfMatching, ...fields } = update;
        cohorts.updateProgramme(programme.id, fields);
        if (selfMatching !== undefined)
          updateProgrammeSettings(deps.matching, programme.id, { selfMatching }, ctx.now());
        audit(deps, user, { action: 'programme.update', programmeId: programme.id, details: update });
      });
      return c.json(details(programme.id));
    })
  );

  app.post(
    '/programmes/:id/duplicate',
    guarded(async (c) => {
      const user = ctx.auth.requireUser(c);
      const source = coordinatedProgramme(c, deps, user);
      const request = await readBody(c, ProgrammeDuplicateSchema);
      const id = randomUUID();
      ctx.transaction(() => {
        cohorts.createProgramme(
          {
            id,
            name: request.name,
            description: source.description,
            organisationId: source.organisationId
          },
          ctx.now()
        );
        cohorts.updateProgramme(id, {
          startsOn: null,
          endsOn: null,
          languages: source.languages,
          joinMode: source.joinMode,
          approvalRequired: source.approvalRequired
        });
        // Questionnaire weights, rules and every other matching setting travel with the copy.
        const settings = deps.matching.getSettings(source.id);
        if (settings) deps.matching.saveSettings(id, { ...settings, updatedAt: ctx.now().toISOString() });
        // Coordinators always come along (someone must run the new cohort); mentors and mentees only when chosen.
        for (const member of deps.matching.listMembers(source.id)) {
          if (member.role === 'coordinator' || request.includePeople)
            ctx.store.addProgrammeMember(id, member.userId, member.role);
        }
        if (user.role !== 'admin') ctx.store.addProgrammeMember(id, user.id, 'coordinator');
        if (request.archiveOriginal) cohorts.updateProgramme(source.id, { archivedAt: ctx.now().toISOString() });
        audit(deps, user, {
          action: 'programme.duplicate',
          programmeId: id,
          organisationId: source.organisationId,
          details: { from: source.id, includePeople: request.includePeople ?? false }
        });
        if (request.archiveOriginal)
          audit(deps, user, {
            action: 'programme.archive',
            programmeId: source.id,
            organisationId: source.organisationId
          });
      });
      if (request.archiveOriginal) ctx.docs.reconnect(programmeDocNames(deps, source.id));
      return c.json(details(id), 201);
    })
  );

  for (const [path, archived] of [
    ['archive', true],
    ['unarchive', false]
  ] as const) {
    app.post(
      `/programmes/:id/${path}`,
      guarded((c) => {
        const user = ctx.auth.requireUser(c);
        const programme = coordinatedProgramme(c, deps, user);
        ctx.transaction(() => {
          cohorts.updateProgramme(programme.id, { archivedAt: archived ? ctx.now().toISOString() : null });
          audit(deps, user, {
            action: `programme.${path}`,
            programmeId: programme.id,
            organisationId: programme.organisationId
          });
        });
        // Open pair and profile documents reconnect and get the access that applies now (read-only once archived).
        ctx.docs.reconnect(programmeDocNames(deps, programme.id));
        return c.json(details(programme.id));
      })
    );
  }

  return app;
}
