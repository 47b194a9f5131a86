import type { ProblemEntry } from '../http/problem-table';

/** Error codes of the day on a laptop (the venue file), with their status and French message. */
export const venueProblems = {
  venue_not_venue_file: {
    status: 400,
    message: 'Ce fichier n’est pas un fichier de journée maillage (.maillage). Rien n’a été importé.',
    en: 'This file is not a maillage venue file (.maillage). Nothing was imported.',
  },
  venue_other_version: {
    status: 400,
    message:
      'Ce fichier a été écrit par une autre version de maillage : mettez le portable et cette instance à la même version, puis refaites le fichier. Rien n’a été importé.',
    en: 'This file was written by another version of maillage: put the laptop and this instance on the same version, then make the file again. Nothing was imported.',
  },
  venue_truncated: {
    status: 400,
    message: 'Ce fichier est incomplet (tronqué pendant la copie ?) : copiez-le à nouveau depuis le portable. Rien n’a été importé.',
    en: 'This file is incomplete (truncated while copying?): copy it again from the laptop. Nothing was imported.',
  },
  venue_wrong_passphrase: {
    status: 400,
    message: 'Phrase de passe incorrecte pour ce fichier (ou fichier altéré) : saisissez celle choisie au portable. Rien n’a été importé.',
    en: 'Wrong passphrase for this file (or the file was altered): type the one chosen on the laptop. Nothing was imported.',
  },
  venue_wrong_kind: {
    status: 400,
    message:
      'Ce fichier est un fichier de préparation de journée, pas un retour : sur le portable, faites « maillage venue bundle » et importez ce fichier-là. Rien n’a été importé.',
    en: 'This file prepares a day, it is not a return file: on the laptop, run « maillage venue bundle » and import that file. Nothing was imported.',
  },
  venue_unreadable_payload: {
    status: 400,
    message: 'Le contenu de ce fichier est illisible : refaites le fichier retour sur le portable. Rien n’a été importé.',
    en: 'The content of this file cannot be read: make the return file again on the laptop. Nothing was imported.',
  },
  venue_other_event: {
    status: 409,
    message: 'Ce fichier retour est celui d’une autre journée : importez-le depuis la page de cette journée-là. Rien n’a été importé.',
    en: 'This return file belongs to another day: import it from that day’s page. Nothing was imported.',
  },
  venue_decision_not_found: {
    status: 404,
    message: 'Ce point à décider n’existe pas pour cette journée : rechargez la page.',
    en: 'There is no such point to decide for this day: reload the page.',
  },
  venue_already_decided: {
    status: 409,
    message: 'Quelqu’un a déjà décidé ce point : rechargez la page pour voir sa décision.',
    en: 'Someone already decided this point: reload the page to see the decision.',
  },
  venue_changed_since: {
    status: 409,
    message:
      'La fiche a changé sur le territoire depuis l’import : rechargez la page, comparez à nouveau les deux versions, puis décidez. Rien n’a été modifié.',
    en: 'The record changed on the territory since the import: reload the page, compare both versions again, then decide. Nothing was changed.',
  },
  venue_cannot_take: {
    status: 409,
    message:
      'La version de la journée ne peut pas être reprise ici (la fiche n’existe plus sur le territoire ou il l’a refusée) : gardez la version du territoire et corrigez à la main si besoin.',
    en: 'The day’s version cannot be taken here (the record is gone from the territory or it refused it): keep the territory’s version and correct by hand if needed.',
  },
} satisfies Record<string, ProblemEntry>;
