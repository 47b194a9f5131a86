import { networkInterfaces } from 'node:os';
import QRCode from 'qrcode';

/** The laptop's addresses on its networks (IPv4, not loopback): what phones on the hotspot reach. */
export function lanAddresses(interfaces = networkInterfaces()): string[] {
  const out: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out;
}

/** The text printed once the day is served: each address with its QR code to project. */
export async function addressesText(port: number, addresses: readonly string[]): Promise<string> {
  if (addresses.length === 0) {
    return `Aucune adresse réseau : branchez le portable au point d’accès (ou activez son partage de connexion), puis relancez. En local : http://localhost:${port}/`;
  }
  const parts = ['Les téléphones sur le même réseau ouvrent :'];
  for (const address of addresses) {
    const url = `http://${address}:${port}/`;
    parts.push(`\n  ${url}\n`, await QRCode.toString(url, { type: 'terminal', small: true }));
  }
  return parts.join('\n');
}
