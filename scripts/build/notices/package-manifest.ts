/** The fields of a package.json the notices read; anything else in it is ignored. */
export interface PackageManifest {
  name?: unknown;
  version?: unknown;
  license?: unknown;
  /** The deprecated array form, still found in old packages. */
  licenses?: unknown;
  repository?: unknown;
  homepage?: unknown;
  author?: unknown;
}

/** LICENSE, LICENCE.md, License, license.txt, LICENSE-MIT, COPYING, COPYING.LESSER, NOTICE, COPYRIGHT… in any case. */
const LICENCE_FILE = /^(licen[cs]e|copying|copyright|unlicense)([-._][\w.-]*)?$/i;
const NOTICE_FILE = /^notice([-._][\w.-]*)?$/i;
/** A module named like a licence (license.js) is code, not a licence text. */
const CODE_FILE = /\.(c|m)?(js|ts)$|\.json$|\.map$/i;

/** The licence and notice files among a package's top-level file names: licences first, then notices, each alphabetically. */
export function pickLicenceFiles(fileNames: readonly string[]): string[] {
  const candidates = fileNames.filter((name) => !CODE_FILE.test(name));
  const licences = candidates.filter((name) => LICENCE_FILE.test(name)).sort();
  const notices = candidates.filter((name) => NOTICE_FILE.test(name)).sort();
  return [...licences, ...notices];
}

/** The package's declared licence as an SPDX expression (or the text it declares), or undefined when it declares none. */
export function declaredLicence(manifest: PackageManifest): string | undefined {
  // Old packages give { type, url } instead of an SPDX string.
  const typeOf = (value: unknown) =>
    typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : value;
  const single = typeOf(manifest.license);
  if (typeof single === 'string' && single.trim()) return single.trim();
  if (Array.isArray(manifest.licenses)) {
    const types = manifest.licenses
      .map(typeOf)
      .filter((type): type is string => typeof type === 'string' && type.trim() !== '');
    if (types.length > 0) return types.length === 1 ? types[0] : `(${types.join(' OR ')})`;
  }
  return undefined;
}

/** The file a `"license": "SEE LICENSE IN <file>"` points at. */
export function seeLicenceIn(licence: string | undefined): string | undefined {
  return /^SEE LICEN[CS]E IN (.+)$/i.exec(licence ?? '')?.[1]?.trim();
}

/** A browsable address for the package's source: its repository, else its homepage. */
export function sourceAddress(manifest: PackageManifest): string | undefined {
  const repository =
    typeof manifest.repository === 'string'
      ? manifest.repository
      : (manifest.repository as { url?: unknown } | undefined)?.url;
  if (typeof repository === 'string' && repository.trim()) return normaliseRepository(repository.trim());
  return typeof manifest.homepage === 'string' && manifest.homepage.trim() ? manifest.homepage.trim() : undefined;
}

function normaliseRepository(url: string): string {
  const shorthand = /^(github:|gitlab:|bitbucket:)?([\w.-]+\/[\w.-]+)$/.exec(url);
  if (shorthand) {
    const host = { 'github:': 'github.com', 'gitlab:': 'gitlab.com', 'bitbucket:': 'bitbucket.org' }[
      shorthand[1] ?? 'github:'
    ];
    return `https://${host}/${shorthand[2]}`;
  }
  return url
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^(ssh:\/\/)?git@([^:/]+)[:/]/, 'https://$2/')
    .replace(/\.git$/, '');
}

/** The author as package.json gives it (a string, or an object with a name and perhaps an email). */
export function authorOf(manifest: PackageManifest): string | undefined {
  const author = manifest.author;
  if (typeof author === 'string') return author.trim() || undefined;
  if (typeof author !== 'object' || author === null) return undefined;
  const { name, email } = author as { name?: unknown; email?: unknown };
  if (typeof name !== 'string' || !name.trim()) return undefined;
  return typeof email === 'string' && email ? `${name.trim()} <${email}>` : name.trim();
}

/**
 * The README's licence section (a "License" heading, ATX or underlined, up to the next heading),
 * or else its lines that state a copyright: what stands in for a licence file the package lacks.
 */
export function readmeLicenceText(readme: string): string | undefined {
  const lines = readme.replace(/\r\n?/g, '\n').split('\n');
  const isUnderline = (line: string | undefined) => line !== undefined && /^\s*(=+|-+)\s*$/.test(line);
  const isHeading = (index: number) =>
    /^#{1,6}\s/.test(lines[index]!) || (lines[index]!.trim() !== '' && isUnderline(lines[index + 1]));
  const start = lines.findIndex(
    (line, index) =>
      /^#{1,6}\s*licen[cs]e\b/i.test(line) || (/^licen[cs]e\b/i.test(line.trim()) && isUnderline(lines[index + 1])),
  );
  if (start >= 0) {
    const bodyStart = start + (lines[start]!.startsWith('#') ? 1 : 2);
    let end = bodyStart;
    while (end < lines.length && !isHeading(end)) end += 1;
    const body = decodeEntities(lines.slice(bodyStart, end).join('\n')).trim();
    if (body) return body;
  }
  const copyrights = lines
    .filter((line) => /copyright\s*(\(c\)|©|\d{4})/i.test(line))
    .map((line) => decodeEntities(line.trim()));
  return copyrights.length > 0 ? copyrights.join('\n') : undefined;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
