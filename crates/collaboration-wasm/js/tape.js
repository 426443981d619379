// Builds a value of one of the crate's wire types from the tape that
// src/tape.rs writes (see there for the format): the object JSON.parse
// would give for the crate's JSON, built in one pass. `names` is the
// module's list of field and variant names sent so far; a NEW name is
// added to it.
const NULL = 0, FALSE = 1, TRUE = 2, NUM = 3, STR = 4, ARR = 5, OBJ = 6, END = 7, NAME = 8, NEW = 9, KEY = 10;

export function build(tape, text, names) {
  let i = 0;
  let p = 0;
  const take = (n) => {
    const s = text.substring(p, p + n);
    p += n;
    return s;
  };
  const name = () => {
    const op = tape[i++];
    const arg = tape[i++];
    if (op === NAME) return names[arg];
    const s = take(arg);
    if (op === NEW) names.push(s);
    return s;
  };
  const value = () => {
    switch (tape[i++]) {
      case NULL: return null;
      case FALSE: return false;
      case TRUE: return true;
      case NUM: return tape[i++];
      case STR: return take(tape[i++]);
      case NAME: case NEW: i--; return name();
      case ARR: {
        const a = [];
        while (tape[i] !== END) a.push(value());
        i++;
        return a;
      }
      case OBJ: {
        const o = {};
        while (tape[i] !== END) {
          const k = name();
          // As JSON.parse: "__proto__" is a key like any other.
          if (k === "__proto__") Object.defineProperty(o, k, { value: value(), writable: true, enumerable: true, configurable: true });
          else o[k] = value();
        }
        i++;
        return o;
      }
      default: throw new Error(`collaboration: a damaged tape (op ${tape[i - 1]} at ${i - 1})`);
    }
  };
  return value();
}
