import type { ActivityState, CodevStepKind, RoomState } from '@maillage/core';
import { collect, newDoc, pageNumbers } from '../system/pdf';
import { GREY, line, ruledLines } from './paper';

/**
 * Paper for a co-development session (no wifi, no projector, or a group that prefers cards): one
 * card per step (its number, name, duration, what happens and who speaks), then a timer page the
 * time-keeper fills in (each step's duration, when it should end from the start, when it started).
 */

/** What happens during each kind of step (Payette & Champagne; DOMAIN.md), as printed. */
export const codevStepInstructions: Readonly<Record<CodevStepKind, readonly string[]>> = {
  subject: [
    'Chacun dit en une phrase la situation qu’il pourrait apporter.',
    'Le groupe choisit le sujet du jour : un problème, une préoccupation ou un projet réel, actuel, dont le porteur est acteur.',
  ],
  expose: [
    'Le porteur expose sa situation, sans être interrompu.',
    'Il dit ce qu’il attend du groupe. Les autres écoutent et prennent des notes.',
  ],
  clarification: [
    'Les contributeurs posent des questions pour comprendre : faits, contexte, personnes en jeu.',
    'Pas encore de conseils ni de solutions. Le porteur répond brièvement.',
  ],
  contract: ['Le porteur reformule sa demande en une phrase : « Aidez-moi à… ».', 'Le groupe vérifie qu’il l’a bien comprise.'],
  consultation: [
    'Les contributeurs partagent impressions, expériences et suggestions, un à la fois.',
    'Le porteur écoute et note, sans répondre. On ne cherche pas le consensus.',
    'Chaque proposition peut être signée ou rester anonyme.',
  ],
  'action-plan': [
    'Le porteur dit ce qu’il retient des propositions et ce qu’il va faire.',
    'Il écrit son plan d’action et fixe une date de suivi.',
  ],
  learnings: [
    'Chacun, porteur compris, dit ce qu’il a appris pendant la séance.',
    'L’animateur recueille les apprentissages et clôt la séance.',
  ],
  other: ['Suivez la consigne de l’animateur pour cette étape.'],
};

const clock = (minutes: number) => `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;

/** The step cards and the timer page of one session. */
export async function codevPaperPdf(state: RoomState, activity: ActivityState): Promise<Buffer> {
  const codev = activity.codev;
  const doc = newDoc(`Co-développement — ${state.title}`, 'landscape');
  const width = doc.page.width - 80;
  if (!codev) return collect(doc);
  const total = codev.steps.length;
  codev.steps.forEach((step, i) => {
    if (i > 0) doc.addPage();
    let y = line(doc, `${state.title} — Co-développement : ${activity.prompt}`, 40, 34, width, { size: 10, colour: GREY });
    y = line(doc, `Étape ${i + 1} sur ${total}`, 40, y + 12, width, { size: 20, bold: true });
    y = line(doc, step.label, 40, y + 6, width, { size: 40, bold: true, lines: 2 });
    y = line(doc, `Durée : ${step.minutes} minute${step.minutes > 1 ? 's' : ''}`, 40, y + 10, width, { size: 22 });
    y += 18;
    for (const text of codevStepInstructions[step.kind]) y = line(doc, `• ${text}`, 40, y + 6, width, { size: 17, lines: 3 });
  });
  // The timer page: planned durations, cumulative ends, and room to write the clock time.
  doc.addPage();
  let y = line(doc, `${state.title} — Co-développement : ${activity.prompt}`, 40, 34, width, { size: 10, colour: GREY });
  y = line(doc, 'Minuteur de la séance', 40, y + 10, width, { size: 28, bold: true });
  y = line(doc, 'Le gardien du temps note l’heure de début de chaque étape et annonce la fin.', 40, y + 4, width, { size: 13 });
  y += 16;
  const cols = [40, 90, 400, 510, 640];
  const row = (cells: readonly string[], style: { size: number; bold?: boolean }) => {
    for (const [c, text] of cells.entries()) {
      const x = cols[c] as number;
      line(doc, text, x, y, (cols[c + 1] ?? 40 + width) - x - 8, style);
    }
  };
  row(['N°', 'Étape', 'Durée', 'Fin prévue', 'Heure de début'], { size: 13, bold: true });
  y += 22;
  let elapsed = 0;
  for (const [i, step] of codev.steps.entries()) {
    elapsed += step.minutes;
    row([String(i + 1), step.label, `${step.minutes} min`, `+ ${clock(elapsed)}`, ''], { size: 14 });
    y = ruledLines(doc, 40, y - 4, width, 1, 26) + 6;
  }
  line(doc, `Durée totale : ${clock(elapsed)}`, 40, y + 10, width, { size: 14, bold: true });
  pageNumbers(doc, `Co-développement — ${state.title}`);
  return collect(doc);
}
