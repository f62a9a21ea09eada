/**
 * Reproducible non-English text for the bench: Russian- and Greek-like words
 * built from syllables by a seeded PRNG, with capitals, punctuation, `’`
 * apostrophes and a Zipf-like word frequency so the hash table sees a
 * realistic mix of hot and rare words. No download needed.
 */
import { mulberry32, pick, type Random } from './prng.ts';

const CYRILLIC = ['ра', 'ко', 'ни', 'ст', 'во', 'ле', 'пр', 'ма', 'ть', 'ен', 'ов', 'да', 'ры', 'же', 'зо', 'чу', 'щи', 'ёл', 'ую', 'эх', 'бы', 'го'];
const GREEK = ['κα', 'το', 'με', 'λο', 'πα', 'ρι', 'νε', 'στ', 'ου', 'ης', 'ων', 'θε', 'γι', 'δα', 'φυ', 'χω', 'ψε', 'ξι', 'ζω', 'ει'];
const PUNCT = [' ', ' ', ' ', ' ', ' ', ' ', ', ', '. ', '; ', ' — ', '! ', '? ', '\n'];

function makeVocabulary(random: Random, size: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < size; i++) {
    const syllables = pick(random, [CYRILLIC, CYRILLIC, GREEK]);
    const n = 1 + Math.floor(random() * 4);
    let w = '';
    for (let k = 0; k < n; k++) w += pick(random, syllables);
    words.push(w);
  }
  return words;
}

/** Returns about `bytes` bytes of UTF-8 text (whole words; may run a few bytes over). */
export function syntheticNonAscii(bytes: number, seed = 42, vocabularySize = 50_000): string {
  const random = mulberry32(seed);
  const vocabulary = makeVocabulary(random, vocabularySize);
  const parts: string[] = [];
  let size = 0;
  let capital = true;
  while (size < bytes) {
    // Log-uniform rank gives P(rank = k) ~ 1/k, the Zipf law of natural text.
    const rank = Math.floor(Math.exp(random() * Math.log(vocabulary.length))) - 1;
    let word = vocabulary[rank] ?? 'и';
    if (capital) word = word.charAt(0).toUpperCase() + word.slice(1);
    if (random() < 0.01) word += '’' + pick(random, vocabulary);
    const sep = pick(random, PUNCT);
    capital = sep.startsWith('.') || sep.startsWith('!') || sep.startsWith('?');
    const piece = word + sep;
    parts.push(piece);
    size += Buffer.byteLength(piece);
  }
  return parts.join('');
}
