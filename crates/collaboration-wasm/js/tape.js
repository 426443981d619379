// Builds a value of one of the crate's wire types from the tape that
// src/tape.rs writes (see there for the format): the object JSON.parse
// would give for the crate's JSON, built in one pass. `names` is the
// module's list of field and variant names sent so far; a NEW name is
// added to it.
const NULL = 0, FALSE = 1, TRUE = 2, NUM = 3, STR = 4, ARR = 5, OBJ = 6, END = 7, NAME = 8, NEW = 9, KEY = 10;

export function build(tape, text, names) {
  // One loop with a stack of the open arrays and objects (and the key each
  // waits to be given under), all in locals: twice as fast as recursion
  // over closures in Node 20.
  const tops = [];
  const keys = [];
  let top = null;
  let inObject = false;
  let expectKey = false;
  let key = "";
  let i = 0;
  let p = 0;
  for (;;) {
    const op = tape[i++];
    let v;
    if (expectKey && op !== END) {
      const arg = tape[i++];
      if (op === NAME) {
        key = names[arg];
      } else {
        key = text.substring(p, p + arg);
        p += arg;
        if (op === NEW) names.push(key);
      }
      expectKey = false;
      continue;
    }
    switch (op) {
      case NULL: v = null; break;
      case FALSE: v = false; break;
      case TRUE: v = true; break;
      case NUM: v = tape[i++]; break;
      case STR: {
        const n = tape[i++];
        v = text.substring(p, p + n);
        p += n;
        break;
      }
      case NAME: v = names[tape[i++]]; break;
      case NEW: {
        const n = tape[i++];
        v = text.substring(p, p + n);
        p += n;
        names.push(v);
        break;
      }
      case ARR:
        tops.push(top);
        keys.push(key);
        top = [];
        inObject = false;
        continue;
      case OBJ:
        tops.push(top);
        keys.push(key);
        top = {};
        inObject = true;
        expectKey = true;
        continue;
      case END:
        v = top;
        top = tops.pop();
        key = keys.pop();
        inObject = top !== null && !Array.isArray(top);
        expectKey = false;
        break;
      default:
        throw new Error(`collaboration: a damaged tape (op ${op} at ${i - 1})`);
    }
    if (top === null) return v;
    if (!inObject) {
      top.push(v);
    } else {
      // As JSON.parse: "__proto__" is a key like any other.
      if (key === "__proto__") Object.defineProperty(top, key, { value: v, writable: true, enumerable: true, configurable: true });
      else top[key] = v;
      expectKey = true;
    }
  }
}

const encoder = new TextEncoder();

// A value going in, as the UTF-8 of its JSON: a string as it is, anything
// else through JSON.stringify (an Instrument through its toJSON).
// `undefined` when it cannot be written as JSON. TextEncoder, where
// wasm-bindgen's own string passing copies an ASCII string one character
// at a time.
export function utf8(value) {
  try {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return text === undefined ? undefined : encoder.encode(text);
  } catch {
    return undefined;
  }
}
