// Regular-expression helpers for tests that probe a spec's `pattern` constraints at their edges: values
// at both ends of every character range, alternative and repetition count, and a narrower pattern that
// rejects some of them (what an API that tightened the constraint would accept).
import { RegExpParser } from "@eslint-community/regexpp";

const parser = new RegExpParser({ ecmaVersion: 2024 });
const parse = (pattern) => parser.parsePattern(pattern, 0, pattern.length, { unicode: true });

// Representative characters of the escapes \d \w \s and their negations, both ends first.
const SET_SAMPLES = { digit: ["0", "9"], word: ["a", "z", "A", "Z", "0", "9", "_"], space: [" "], any: ["a"] };
const NEGATED_SAMPLES = { digit: ["a"], word: ["-"], space: ["a"] };
const FALLBACKS = ["a", "z", "A", "Z", "0", "9", "_", "-", ".", " "];

function setSamples(node) {
  if (node.kind === "any") return SET_SAMPLES.any;
  const samples = node.negate ? NEGATED_SAMPLES[node.kind] : SET_SAMPLES[node.kind];
  return samples ?? FALLBACKS.filter((c) => new RegExp(`^${node.raw}$`, "u").test(c)).slice(0, 2);
}

/** The choices a node offers, default first: characters for a class or set, counts for a quantifier, branches for a group. */
function options(node, maxRepeat) {
  switch (node.type) {
    case "CharacterClass": {
      if (node.negate) return FALLBACKS.filter((c) => new RegExp(`^${node.raw}$`, "u").test(c)).slice(0, 1);
      const chars = node.elements.flatMap((e) => {
        if (e.type === "Character") return [String.fromCodePoint(e.value)];
        if (e.type === "CharacterClassRange") return [String.fromCodePoint(e.min.value), String.fromCodePoint(e.max.value)];
        if (e.type === "CharacterSet") return setSamples(e);
        return [];
      });
      return [...new Set(chars)];
    }
    case "CharacterSet":
      return setSamples(node);
    case "Quantifier": {
      const most = Math.min(node.max, Math.max(node.min + 1, Math.min(maxRepeat, node.max)));
      return [...new Set([node.min, most])];
    }
    case "Pattern":
    case "Group":
    case "CapturingGroup":
      return node.alternatives.map((_, i) => i);
    default:
      return [undefined];
  }
}

function children(node) {
  if (node.type === "Pattern" || node.type === "Group" || node.type === "CapturingGroup") return node.alternatives;
  if (node.type === "Alternative") return node.elements;
  if (node.type === "Quantifier") return [node.element];
  if (node.type === "CharacterClass") return node.elements;
  return [];
}

function walk(node, visit) {
  visit(node);
  for (const child of children(node)) walk(child, visit);
}

/** The string `node` produces when each choice point takes its default option, except `override`'s. */
function render(node, choice) {
  const pick = choice;
  switch (node.type) {
    case "Pattern":
    case "Group":
    case "CapturingGroup":
      return render(node.alternatives[pick(node)], choice);
    case "Alternative":
      return node.elements.map((e) => render(e, choice)).join("");
    case "Quantifier":
      return render(node.element, choice).repeat(pick(node));
    case "Character":
      return String.fromCodePoint(node.value);
    case "CharacterClass":
    case "CharacterSet":
      return pick(node) ?? "";
    default:
      return ""; // assertions, lookarounds, backreferences: candidates are checked against the pattern anyway
  }
}

/**
 * Strings that match `pattern` at its edges: a default match, then each choice point (a character range's
 * ends, a class's members, a group's alternatives, a quantifier's least and most repetitions, capped at
 * `maxRepeat`) varied alone. Every string returned matches the pattern; the first is the default match.
 */
export function patternEdges(pattern, { maxRepeat = 64 } = {}) {
  const ast = parse(pattern);
  const points = [];
  walk(ast, (node) => {
    if (node.parent?.type === "CharacterClass") return; // a class's members are its options, not points of their own
    if (["Pattern", "CharacterClass", "CharacterSet", "Quantifier", "Group", "CapturingGroup"].includes(node.type)) {
      points.push([node, options(node, maxRepeat)]);
    }
  });
  const defaults = new Map(points.map(([node, opts]) => [node, opts[0]]));
  const candidates = [render(ast, (n) => defaults.get(n))];
  for (const [node, opts] of points) {
    // The point's enclosing groups take the branch that holds it, and enclosing optional parts appear.
    const reach = new Map();
    for (let parent = node.parent; parent; parent = parent.parent) {
      if (parent.type === "Alternative" && parent.parent) reach.set(parent.parent, parent.parent.alternatives.indexOf(parent));
      if (parent.type === "Quantifier" && defaults.get(parent) === 0) reach.set(parent, Math.max(1, parent.min));
    }
    for (const option of opts) {
      candidates.push(render(ast, (n) => (n === node ? option : reach.has(n) ? reach.get(n) : defaults.get(n))));
    }
  }
  const regex = new RegExp(pattern, "u");
  return [...new Set(candidates)].filter((s) => regex.test(s));
}

/**
 * A narrower version of `pattern`: its first character class of several members loses the last one
 * (`[0-9a-fA-F]` → `[0-9a-f]`), or else its first range or class escape loses its top character
 * (`[0-9]` → `[0-8]`, `\d` → `[0-8]`). Undefined when the pattern has nothing to narrow.
 */
export function narrowPattern(pattern) {
  const ast = parse(pattern);
  let found;
  walk(ast, (node) => {
    if (found || node.type !== "CharacterClass" || node.negate || node.elements.length < 2) return;
    const last = node.elements.at(-1);
    found = pattern.slice(0, last.start) + pattern.slice(last.end);
  });
  walk(ast, (node) => {
    if (found) return;
    const range = node.type === "CharacterClassRange" ? node : undefined;
    if (range && range.max.value > range.min.value) {
      const top = String.fromCodePoint(range.max.value - 1).replace(/[\]\\^-]/, "\\$&");
      found = `${pattern.slice(0, range.start)}${range.min.raw}-${top}${pattern.slice(range.end)}`;
    } else if (node.type === "CharacterSet" && node.kind === "digit" && !node.negate) {
      found = `${pattern.slice(0, node.start)}${node.parent.type === "CharacterClass" ? "0-8" : "[0-8]"}${pattern.slice(node.end)}`;
    }
  });
  return found;
}
