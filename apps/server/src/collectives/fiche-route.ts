import { collectivesEndpoints as api, parisToday, presentDetail } from '@maillage/core';
import { Problem } from '../http/problem';
import { defineRoute } from '../http/route';
import { collectiveRef, mayOn, tags, workspaceDeps } from './helpers';

const fiche = () => import('./fiche');

/**
 * The fiche-projet as a printable PDF, for whoever may read the collective. The members' contact
 * details are printed only for who may read them (its members and the territory's coordinators),
 * exactly as in the detail view: the paper says no more than the screen.
 */
export const ficheRoute = defineRoute({
  ...api.fiche,
  summary: 'La fiche-projet complète du collectif, à imprimer (PDF A4)',
  tags,
  action: 'collective.read',
  refs: [collectiveRef],
  raw: true,
  async handler({ params }, { deps, actor, reply }) {
    const { repo } = workspaceDeps(deps);
    const now = deps.now();
    const today = parisToday(now);
    const record = await repo.workspace(params.id, today);
    if (!record) throw new Problem('collective_not_found');
    const collective = presentDetail(record, await mayOn(deps, actor, params.id), now);
    const ids = record.sections.flatMap((s) => (s.section === 'ecosysteme' ? s.content.keyOrganisationIds : []));
    const organisationNames = await repo.organisationNames(ids);
    const bytes = await (await fiche()).fichePdf({
      collective,
      sections: record.sections,
      steps: record.steps,
      organisationNames,
      today,
    });
    const slug = record.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    reply
      .code(200)
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="fiche-projet-${slug || 'collectif'}.pdf"`)
      .header('cache-control', 'no-store')
      .send(bytes);
  },
});
