/**
 * Sentence ends found beside the word scanner, for the stats and sentiment
 * tasks (docs/tasks.md, "Sentences"): the rule's regex, run as a state
 * machine over the characters the scanner passes between words. A sentence
 * ends (1) at a run of `.`, `!`, `?`, `…` with any closing quotes or brackets
 * followed by white space or the end, the end being where the white space
 * starts, or (2) at a run of white space (JavaScript `\s`) holding two line
 * feeds, the end being where the run stops. Words never hold such characters,
 * so a word counts as one plain character here. Off unless `track` is called.
 *
 * Also counts code points (lead bytes; exact for valid UTF-8) and line breaks.
 */
import { alloc } from './heap';

const NONE: i32 = 0;
const END: i32 = 1;
const END_CLOSED: i32 = 2;
const SPACE: i32 = 3;
const SPACE_LINE: i32 = 4;
const SPACE_LINES: i32 = 5;
const CLOSER: i32 = 6;

export let tracking: bool = false;
let recording: bool = false;
let state: i32 = NONE;

/** Position (bytes fed before the input area) and where the carry's word started. */
let fedBase: i64 = 0;
let carryStart: i64 = 0;
let inCarry: bool = false;
let carryAt: i32 = 0;
let inputAt: i32 = 0;

let pieceWords: f64 = 0;
let pieceStart: i64 = 0;
let closedSentences: f64 = 0;
/** Words of the piece the first sentence end closed; -1 until there is one. */
let firstPieceWords: f64 = -1;

let events: i32 = 0;
let eventsCap: i32 = 0;
let eventsLen: i32 = 0;

let codePoints: f64 = 0;
let lineBreaks: f64 = 0;
let lastByte: i32 = -1;

export function resetSentences(): void {
  tracking = false;
  recording = false;
  state = NONE;
  fedBase = 0;
  carryStart = 0;
  inCarry = false;
  pieceWords = 0;
  pieceStart = 0;
  closedSentences = 0;
  firstPieceWords = -1;
  events = 0;
  eventsCap = 0;
  eventsLen = 0;
  codePoints = 0;
  lineBreaks = 0;
  lastByte = -1;
}

/** Turns sentence tracking on for this table's scan; `record` also keeps word and sentence events. */
export function track(record: i32): void {
  tracking = true;
  recording = record != 0;
  if (recording) {
    eventsCap = 1 << 16;
    events = alloc(<i64>eventsCap << 2);
  }
}

export function getClosedSentences(): f64 { return closedSentences; }
export function getFirstPieceWords(): f64 { return firstPieceWords; }
export function getOpenWords(): f64 { return pieceWords; }
export function getPieceStart(): f64 { return <f64>pieceStart; }
export function getCodePoints(): f64 { return codePoints; }
export function getLineBreaks(): f64 { return lineBreaks; }
export function getLastByte(): i32 { return lastByte; }
export function getEvents(): i32 { return events; }
export function getEventCount(): i32 { return eventsLen; }
/** JavaScript has read the events: start the list again. */
export function clearEvents(): void { eventsLen = 0; }

/** Called by the scanner around each block and carry scan, so positions are known. */
export function enterInput(area: i32): void { inputAt = area; inCarry = false; }
export function enterCarry(area: i32): void { carryAt = area; inCarry = true; }
export function leaveInput(len: i32): void { fedBase += len; }
export function startCarry(at: i32): void { carryStart = fedBase + <i64>(at - inputAt); }

function positionOf(at: i32): i64 {
  return inCarry ? carryStart + <i64>(at - carryAt) : fedBase + <i64>(at - inputAt);
}

/** Code points and line breaks of fed bytes [start, end) (a CR LF is one break). */
export function countText(start: i32, end: i32): void {
  let leads = 0;
  let breaks = 0;
  let last = lastByte;
  for (let i = start; i < end; i++) {
    const b: i32 = load<u8>(i);
    if ((b & 0xc0) != 0x80) leads++;
    if (b == 0x0a) {
      if (last != 0x0d) breaks++;
    } else if (b == 0x0d) {
      breaks++;
    }
    last = b;
  }
  lastByte = last;
  codePoints += <f64>leads;
  lineBreaks += <f64>breaks;
}

function push(value: i32): void {
  if (eventsLen == eventsCap) {
    const next = alloc(<i64>eventsCap << 3);
    memory.copy(next, events, eventsLen << 2);
    events = next;
    eventsCap <<= 1;
  }
  store<i32>(events + (eventsLen << 2), value);
  eventsLen++;
}

/** A sentence end at `at`: closes the piece since the last one (a piece without words is no sentence). */
function boundary(at: i32): void {
  const pos = positionOf(at);
  const first = firstPieceWords < 0;
  if (first) firstPieceWords = pieceWords;
  if (pieceWords > 0) closedSentences++;
  // The first end is always recorded: in a chunk it closes a sentence an earlier chunk opened.
  if (recording && (pieceWords > 0 || first)) {
    push(-1);
    push(<i32>pieceStart);
    push(<i32>pos);
  }
  pieceWords = 0;
  pieceStart = pos;
}

function space(newline: bool, at: i32): void {
  if (state >= SPACE) {
    if (newline && state < SPACE_LINES) state++;
    return;
  }
  if (state != NONE) boundary(at);
  state = newline ? SPACE_LINE : SPACE;
}

function mark(kind: i32, at: i32): void {
  if (state == SPACE_LINES) boundary(at);
  if (kind == CLOSER) state = state == END || state == END_CLOSED ? END_CLOSED : NONE;
  else state = kind;
}

/** An ASCII separator byte at `at` (an apostrophe outside a word included). */
export function trackByte(b: i32, at: i32): void {
  if (b == 0x20 || (b >= 0x09 && b <= 0x0d)) space(b == 0x0a, at);
  else if (b == 0x2e || b == 0x21 || b == 0x3f) mark(END, at);
  else if (b == 0x22 || b == 0x27 || b == 0x29 || b == 0x5d) mark(CLOSER, at);
  else mark(NONE, at);
}

/** A code point past ASCII that is not part of a word (-1: an invalid byte, decoded as U+FFFD). */
export function trackCodePoint(cp: i32, at: i32): void {
  if (cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000 || cp == 0xfeff) {
    space(false, at);
  } else if (cp == 0x2026) mark(END, at);
  else if (cp == 0x2019 || cp == 0x201d) mark(CLOSER, at);
  else mark(NONE, at);
}

/** A word that starts at `at`, its key at arena `offset` (`len` bytes). */
export function trackWord(at: i32, offset: i32, len: i32): void {
  mark(NONE, at);
  pieceWords++;
  if (recording) {
    push(offset);
    push(len);
  }
}
