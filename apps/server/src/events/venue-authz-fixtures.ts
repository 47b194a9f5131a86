import type { AuthzFixtures } from '../http/authz-fixtures';
import { freshEvent } from './authz-fixtures';

/** The day on a laptop: the venue file down (a passphrase), a return file up (not one here: refused in French). */
export const venueAuthz: AuthzFixtures = {
  'POST /api/events/:id/venue/export': async (world) => ({
    params: { id: (await freshEvent(world)).id },
    body: { passphrase: 'une phrase de la matrice' },
  }),
  'POST /api/events/:id/venue/import': async (world) => ({
    params: { id: (await freshEvent(world)).id },
    body: {
      passphrase: 'une phrase de la matrice',
      fileName: 'retour.maillage',
      contentBase64: Buffer.from('pas un fichier de journée').toString('base64'),
    },
  }),
};
