import { withoutLicenceNotice } from './licence-exceptions';
import type { ShippedPackage } from './shipped-packages';

export interface NoticesContent {
  /** This project: its package name, licence id and full licence text. */
  project: { name: string; licence: string; licenceText: string };
  packages: readonly ShippedPackage[];
  /** esbuild's external licence comments, one "Bundled license information:" block per output file. */
  legalComments: readonly string[];
}

const RULE = '='.repeat(80);
const THIN_RULE = '-'.repeat(80);

/**
 * The text of THIRD-PARTY-NOTICES.txt: our licence, an index of the packages, each package's licence in full,
 * then the licence comments found in their sources.
 */
export function renderNotices(content: NoticesContent): string {
  const { project, packages } = content;
  const comments = bundledLicenceComments(content.legalComments);
  const unlicensed = packages.filter((entry) => entry.withoutLicence).map((entry) => `${entry.name}@${entry.version}`);
  const width = Math.max(...packages.map((entry) => `${entry.name}@${entry.version}`.length), 0) + 2;
  const sections = [
    [
      'THIRD-PARTY NOTICES: the getQuota cloud function',
      '',
      `The code of ${project.name} in this folder (index.js, function.js and the code caches made from it) is licensed under the ${project.licence} licence:`,
      '',
      indent(project.licenceText),
      '',
      `function.js and lazy/*.js also hold ${packages.length} third-party npm packages, bundled by esbuild; ` +
        `these are exactly the packages whose files were the build's inputs.`,
      'Each one is listed below with its licence as the package ships it, in full.',
      '',
      ...packages.map(
        (entry) =>
          `  ${`${entry.name}@${entry.version}`.padEnd(width)}${entry.licence ?? 'see its licence file'}` +
          (entry.withoutLicence ? ' (no licence at all: see NO LICENCE below)' : ''),
      ),
      ...(unlicensed.length > 0 ? ['', withoutLicenceNotice(unlicensed)] : []),
    ].join('\n'),
    ...packages.map(packageSection),
  ];
  if (comments.length > 0) {
    sections.push(
      [
        'Licence comments in the bundled sources',
        '',
        'esbuild moves /*! */ and @license comments out of the code it bundles; ' +
          'here they are, under the file each came from. ' +
          'Some are for code a package copied in from another project.',
        '',
        comments.join('\n\n'),
      ].join('\n'),
    );
  }
  return `${sections.join(`\n\n${RULE}\n\n`)}\n`;
}

function packageSection(entry: ShippedPackage): string {
  const head = [
    `${entry.name}@${entry.version}`,
    `Licence: ${entry.licence ?? 'not declared in its package.json; see its licence file'}`,
    ...(entry.source ? [`Source: ${entry.source}`] : []),
  ];
  const body = entry.licenceFiles.map((file) => `${THIN_RULE}\n${file.file}:\n\n${file.text}`);
  if (entry.missingFileNote) body.unshift(`${THIN_RULE}\n${entry.missingFileNote}`);
  return [...head, ...body].join('\n');
}

/** The distinct comments of esbuild's "Bundled license information:" blocks, each under its file, sorted by file. */
export function bundledLicenceComments(blocks: readonly string[]): string[] {
  const entries = new Set<string>();
  for (const block of blocks) {
    const body = block.replace(/\r\n?/g, '\n').replace(/^\s*Bundled license information:\s*\n/, '');
    // Each entry is an unindented "file:" line followed by its indented comment.
    body
      .split(/\n\s*\n(?=\S)/)
      .map((entry) => entry.replace(/[ \t]+$/gm, '').trim())
      .filter(Boolean)
      .forEach((entry) => entries.add(entry));
  }
  return [...entries].sort();
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `    ${line}` : ''))
    .join('\n');
}
