/**
 * Dense ids for the final words (word rule 3) an ngrams count has met, with
 * whether each is a stopword. Ids are handed out in the order words first
 * appear; n-grams are counted as tuples of them (ngram-table.ts).
 */
export class NgramVocabulary {
  readonly words: string[] = [];
  /** 1 for a stopword, by id. */
  stop = new Uint8Array(1 << 10);
  private readonly ids = new Map<string, number>();

  constructor(private readonly stopwords: ReadonlySet<string>) {}

  get size(): number {
    return this.words.length;
  }

  idOf(word: string): number {
    const known = this.ids.get(word);
    if (known !== undefined) return known;
    const id = this.words.length;
    this.words.push(word);
    this.ids.set(word, id);
    if (id >= this.stop.length) {
      const grown = new Uint8Array(this.stop.length * 2);
      grown.set(this.stop);
      this.stop = grown;
    }
    this.stop[id] = this.stopwords.has(word) ? 1 : 0;
    return id;
  }
}
