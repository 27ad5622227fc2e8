// Cronium's helpers for Node.js scripts (bundled mode: no network needed): a global `cronium` object, also
// require('cronium'). Every helper returns a Promise (await it), the same in every mode.
//   await cronium.input()                 the run's input (parsed JSON; null when there is none)
//   await cronium.output(value)           the run's result, handed to the next step; must be JSON-serialisable
//   await cronium.log(message, level)     a structured log line (debug, info, warn, error; default info)
//   await cronium.getVariable(key)        the variable's value (a string), or null
//   await cronium.setVariable(key, value) sets the user's variable (a string; other values are stored as JSON)
//   await cronium.event()                 the current event's metadata
//   await cronium.sleep(ms)               waits ms milliseconds
//   await cronium.fetch(url, options)     the platform's fetch
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const HELPERS = process.env.CRONIUM_HELPERS;
const STATE = process.env.CRONIUM_HELPER_STATE || HELPERS;
const NONCE = process.env.CRONIUM_HELPER_NONCE || '';
const LEVELS = ['debug', 'info', 'warn', 'error'];

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

const hex = (text) => Buffer.from(String(text), 'utf8').toString('hex');
const fileName = (key) => crypto.createHash('sha256').update(String(key), 'utf8').digest('hex');
const read = (name) => fs.readFileSync(path.join(HELPERS, name), 'utf8');

const cronium = {
  async input() { requireRun(); return JSON.parse(read('input.json')); },
  async event() { requireRun(); return JSON.parse(read('event.json')); },
  async output(value) {
    requireRun();
    let text;
    try {
      text = JSON.stringify(value);
    } catch (e) {
      throw new TypeError('cronium.output: the value is not JSON-serialisable: ' + e.message);
    }
    if (text === undefined) throw new TypeError('cronium.output: the value is not JSON-serialisable: ' + typeof value);
    emit('output ' + hex(text));
  },
  async log(message, level = 'info') {
    requireRun();
    if (!LEVELS.includes(level)) throw new RangeError('cronium.log: level must be one of ' + LEVELS.join(', ') + ', not ' + level);
    emit('log ' + level + ' ' + hex(message));
  },
  async getVariable(key) {
    requireRun();
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
    fs.writeFileSync(path.join(STATE, 'vars', fileName(key)), text, 'utf8');
    emit('set ' + hex(key) + ' ' + hex(text));
  },
  sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); },
  fetch(url, options) { return fetch(url, options); },
};

globalThis.cronium = cronium;
module.exports = cronium;
