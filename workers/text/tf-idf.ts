/**
 * tf-idf, written out so that the corpus statistics (document frequencies)
 * can be gathered map-reduce style: tf = count / words in the document,
 * idf = ln(N / df), so a word found in every document scores 0 (it says
 * nothing about this one). A corpus of one document has no idf: idf = 1 and
 * the ranking is plain tf (HTTP/MQTT jobs, which see one text).
 */

export function idf(documents: number, df: number): number {
  return documents <= 1 ? 1 : Math.log(documents / df);
}
