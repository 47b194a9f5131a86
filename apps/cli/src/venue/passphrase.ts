import { createInterface } from 'node:readline';

/**
 * The venue file's passphrase: `MAILLAGE_VENUE_PASSPHRASE`, else asked at the terminal (typed
 * without echo). Without either, a French error says how to give it.
 */
export async function readPassphrase(env: NodeJS.ProcessEnv, prompt: string): Promise<string> {
  if (env.MAILLAGE_VENUE_PASSPHRASE) return env.MAILLAGE_VENUE_PASSPHRASE;
  if (!process.stdin.isTTY) {
    throw new Error('phrase de passe manquante : définissez MAILLAGE_VENUE_PASSPHRASE ou lancez la commande dans un terminal.');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let asked = false;
  muted._writeToOutput = (s: string) => {
    if (!asked) {
      process.stdout.write(s);
      asked = true;
    }
  };
  const answer = await new Promise<string>((resolve) => rl.question(prompt, resolve));
  rl.close();
  process.stdout.write('\n');
  if (!answer) throw new Error('phrase de passe vide.');
  return answer;
}
