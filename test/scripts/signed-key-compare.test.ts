import { execFileSync } from 'node:child_process';
import path from 'node:path';

const COMPARATOR = path.resolve(__dirname, '../../scripts/build/patches/signed-key-compare.cjs');

/**
 * Run in a fresh Node with the given locale: sorts every name of up to three characters over the
 * handled alphabet, thousands of longer ones and the names a query signs, with localeCompare and
 * with compareKeys, and counts how often compareKeys fell back to localeCompare.
 */
const CHECK = `
const { compareKeys } = require(${JSON.stringify(COMPARATOR)});
const ALPHABET = '_-0123456789abcdefghijklmnopqrstuvwxyz';
const names = ['', 'user-agent', 'content-type', 'x-tcb-source', 'tcb_sessiontoken', 'wxcloudapitoken', 'Content-Type', 'X-Sdk', 'é', 'a.b'];
for (const a of ALPHABET) { names.push(a); for (const b of ALPHABET) { names.push(a + b); for (const c of ALPHABET) names.push(a + b + c); } }
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let i = 0; i < 5000; i += 1) {
  let name = '';
  for (let j = 4 + Math.floor(random() * 16); j > 0; j -= 1) name += ALPHABET[Math.floor(random() * ALPHABET.length)];
  names.push(name);
}
const expected = [...names].sort((l, r) => l.toString().localeCompare(r));
const original = String.prototype.localeCompare;
let fallbacks = 0;
String.prototype.localeCompare = function (...args) { fallbacks += 1; return original.apply(this, args); };
const simple = names.filter((name) => /^[a-z0-9_-]*$/.test(name));
const simpleSorted = [...simple].sort(compareKeys);
const simpleFallbacks = fallbacks;
const sorted = [...names].sort(compareKeys);
String.prototype.localeCompare = original;
const pairsDiffer = names.slice(0, 3000).some((l, i) =>
  Math.sign(l.localeCompare(names[(i * 7919) % names.length])) !== compareKeys(l, names[(i * 7919) % names.length]));
console.log(JSON.stringify({ same: sorted.join('\\n') === expected.join('\\n') &&
  simpleSorted.join('\\n') === simple.sort((l, r) => l.localeCompare(r)).join('\\n'), pairsDiffer, simpleFallbacks }));
`;

function checkIn(lang: string): { same: boolean; pairsDiffer: boolean; simpleFallbacks: number } {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  if (lang) env.LANG = lang;
  return JSON.parse(execFileSync(process.execPath, ['-e', CHECK], { env }).toString()) as {
    same: boolean;
    pairsDiffer: boolean;
    simpleFallbacks: number;
  };
}

describe("the build-time patch of the SDK's signed-name order (no ICU collator on a cold start)", () => {
  it.each(['', 'C', 'en_US.UTF-8', 'zh_CN.UTF-8'])(
    'orders exactly as localeCompare without calling it, for the names the SDK signs, under LANG=%j',
    (lang) => {
      expect(checkIn(lang)).toEqual({ same: true, pairsDiffer: false, simpleFallbacks: 0 });
    },
  );

  it.each(['da_DK.UTF-8', 'cs_CZ.UTF-8', 'de_DE.UTF-8@collation=phonebook'])(
    'leaves the order to localeCompare under LANG=%j, whose collation differs or may differ',
    (lang) => {
      const result = checkIn(lang);
      expect(result).toMatchObject({ same: true, pairsDiffer: false });
      expect(result.simpleFallbacks).toBeGreaterThan(0);
    },
  );
});
