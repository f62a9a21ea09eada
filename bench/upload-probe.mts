import { uploadCases } from './scopes/http-upload.ts';
const size = Number(process.argv[2]);
const runs = Number(process.argv[3] ?? 1);
const results = await uploadCases({ sizeBytes: size, runs, threads: [2], json: false, skip: [] }, (l) => console.log(l));
for (const r of results) console.log(r.name, r.mbPerSec.median.toFixed(1), 'MB/s', r.mbPerCpuSec?.median.toFixed(1), 'MB/cpu-s', Math.round((r.peakRssBytes ?? 0) / 2 ** 20), 'MiB', r.note ?? '');
