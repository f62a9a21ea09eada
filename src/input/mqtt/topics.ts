/**
 * Topic names and filters: matching (with + and #), shared-subscription
 * prefixes, the task encoded in `<prefix>/jobs/<task>/...`, reply topics.
 */

const SHARE = /^\$share\/([^/#+]+)\/(.+)$/;

/** `$share/<group>/a/b` → `a/b`: brokers deliver by the inner filter, so route by it. */
export function stripSharePrefix(filter: string): string {
  return SHARE.exec(filter)?.[2] ?? filter;
}

export function isValidTopicFilter(filter: string): boolean {
  if (filter.startsWith('$share/') && !SHARE.test(filter)) return false;
  const levels = stripSharePrefix(filter).split('/');
  return levels.every((level, i) => {
    if (level.includes('#')) return level === '#' && i === levels.length - 1;
    if (level.includes('+')) return level === '+';
    return true;
  });
}

/** MQTT matching rules, including "a wildcard first level does not match $SYS-style topics". */
export function topicMatches(filter: string, topic: string): boolean {
  const f = stripSharePrefix(filter).split('/');
  const t = topic.split('/');
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return true;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}

/** `wordmill/jobs/wordcount/sensor-1` → `wordcount`; undefined when the topic names no task. */
export function taskFromTopic(topic: string, prefix: string): string | undefined {
  const jobs = `${prefix}/jobs/`;
  if (!topic.startsWith(jobs)) return undefined;
  const task = topic.slice(jobs.length).split('/')[0];
  return task === '' ? undefined : task;
}

export function resultTopic(prefix: string, id: string): string {
  return `${prefix}/results/${id}`;
}

export function errorTopic(prefix: string, id: string): string {
  return `${prefix}/errors/${id}`;
}
