// Cronium's helpers for Node.js scripts: a global `cronium` object, also require('cronium'). Every helper returns a
// Promise (await it). They call Cronium's helper API when the run can reach it (CRONIUM_API_URL); otherwise - or
// once the API stops answering, which they log - they work from the files next to the script (bundled mode).
//   await cronium.input()                 the run's input (parsed JSON; null when there is none)
//   await cronium.output(value)           the run's result, handed to the next step; must be JSON-serialisable
//   await cronium.log(message, level)     a structured log line (debug, info, warn, error; default info)
//   await cronium.getVariable(key)        the variable's value (a string), or null
//   await cronium.setVariable(key, value) sets the user's variable (a string; other values are stored as JSON)
//   await cronium.event()                 the current event's metadata
//   await cronium.sleep(ms)               waits ms milliseconds
//   await cronium.fetch(url, options)     the platform's fetch; to Cronium itself with the run's helper token
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const HELPERS = process.env.CRONIUM_HELPERS;
const STATE = process.env.CRONIUM_HELPER_STATE || HELPERS;
const NONCE = process.env.CRONIUM_HELPER_NONCE || '';
const LEVELS = ['debug', 'info', 'warn', 'error'];
const API = process.env.CRONIUM_API_URL;
const TOKEN = process.env.CRONIUM_HELPER_TOKEN;
let api = Boolean(API && TOKEN && typeof fetch === 'function');

function requireRun() {
  if (!HELPERS) throw new Error('cronium: not inside a Cronium run');
}

// Synchronous and whole: the line is out before the promise settles, even if the script never awaits it.
function emit(line) {
  const buffer = Buffer.from('\x1ecronium:' + NONCE + ':' + line + '\n', 'utf8');
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(2, buffer, offset, buffer.length - offset);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); // the pipe is full: let the reader catch up
    }
  }
}

// {status, text} from the helper API, or null when there is none to reach (bundled mode from then on).
async function call(method, path, body, contentType = 'text/plain; charset=utf-8') {
  if (!api) return null;
  try {
    const answer = await fetch(API + '/api/v1/helper/' + path, {
      method, body, headers: { Authorization: 'Bearer ' + TOKEN, 'Content-Type': contentType },
    });
    return { status: answer.status, text: await answer.text() };
  } catch (e) {
    api = false;
    emit('log warn ' + hex('cronium: the helper API at ' + API + ' is unreachable (' + ((e.cause && e.cause.code) || e.message)
      + '): using the bundled helpers'));
    return null;
  }
}

function checked(answer, what) {
  if (answer.status >= 400) {
    let detail = answer.text;
    try { detail = JSON.parse(answer.text).detail || detail; } catch (e) { /* not JSON */ }
    throw new (answer.status === 422 ? TypeError : Error)(what + ': ' + detail);
  }
  return answer.text;
}

const hex = (text) => Buffer.from(String(text), 'utf8').toString('hex');
const fileName = (key) => crypto.createHash('sha256').update(String(key), 'utf8').digest('hex');
const read = (name) => fs.readFileSync(path.join(HELPERS, name), 'utf8');

const cronium = {
  async input() {
    requireRun();
    const answer = await call('GET', 'input');
    return JSON.parse(answer ? checked(answer, 'cronium.input') : read('input.json'));
  },
  async event() {
    requireRun();
    const answer = await call('GET', 'event');
    return JSON.parse(answer ? checked(answer, 'cronium.event') : read('event.json'));
  },
  async output(value) {
    requireRun();
    let text;
    try {
      text = JSON.stringify(value);
    } catch (e) {
      throw new TypeError('cronium.output: the value is not JSON-serialisable: ' + e.message);
    }
    if (text === undefined) throw new TypeError('cronium.output: the value is not JSON-serialisable: ' + typeof value);
    const answer = await call('POST', 'output', text, 'application/json');
    if (answer) checked(answer, 'cronium.output'); else emit('output ' + hex(text));
  },
  async log(message, level = 'info') {
    requireRun();
    if (!LEVELS.includes(level)) throw new RangeError('cronium.log: level must be one of ' + LEVELS.join(', ') + ', not ' + level);
    const answer = await call('POST', 'log?level=' + level, String(message));
    if (answer) checked(answer, 'cronium.log'); else emit('log ' + level + ' ' + hex(message));
  },
  async getVariable(key) {
    requireRun();
    const answer = await call('GET', 'variables/' + encodeURIComponent(String(key)));
    if (answer) return answer.status === 404 ? null : checked(answer, 'cronium.getVariable');
    for (const dir of [STATE, HELPERS]) {
      const file = path.join(dir, 'vars', fileName(key));
      if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
    }
    return null;
  },
  async setVariable(key, value) {
    requireRun();
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    fs.mkdirSync(path.join(STATE, 'vars'), { recursive: true });
    const answer = await call('PUT', 'variables/' + encodeURIComponent(String(key)), text);
    if (answer) checked(answer, 'cronium.setVariable');
    fs.writeFileSync(path.join(STATE, 'vars', fileName(key)), text, 'utf8');
    if (!answer) emit('set ' + hex(key) + ' ' + hex(text));
  },
  sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); },
  fetch(url, options = {}) {
    const headers = Object.assign({}, options.headers);
    if (API && TOKEN && String(url).startsWith(API + '/') && !headers.Authorization) {
      headers.Authorization = 'Bearer ' + TOKEN; // Cronium itself: the run's own authority
    }
    return fetch(url, Object.assign({}, options, { headers }));
  },
};

globalThis.cronium = cronium;
module.exports = cronium;
