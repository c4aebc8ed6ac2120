// The program editor: CodeMirror 6 with Python, bundled by esbuild into editor.js
// (scripts/lib/bundle-editor.mjs, run by Trunk's pre_build hook) as the global
// `InterleaveEditor`, which the Yew component `ui::components::editor` drives.
//
// It never builds HTML from text: marks are CSS classes on lines, and the error message
// widget is a DOM node whose textContent is set.

import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars, Decoration, WidgetType } from '@codemirror/view';
import { EditorState, StateField, StateEffect, RangeSetBuilder, Compartment, Annotation } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { syntaxHighlighting, HighlightStyle, indentOnInput, bracketMatching, indentUnit } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

/** Colours come from the page's CSS variables, so the editor follows the light/dark theme. */
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: 'var(--code-keyword)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--code-string)' },
  { tag: [t.number, t.bool, t.null], color: 'var(--code-number)' },
  { tag: t.comment, color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [t.function(t.definition(t.variableName)), t.definition(t.className)], color: 'var(--code-definition)' },
  { tag: t.function(t.variableName), color: 'var(--code-call)' },
  { tag: [t.self, t.special(t.variableName)], color: 'var(--code-keyword)' },
  { tag: t.propertyName, color: 'var(--code-property)' },
  { tag: [t.operator, t.punctuation, t.bracket], color: 'var(--code-punctuation)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: 'var(--code-size)', backgroundColor: 'var(--editor-bg)', color: 'var(--text)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--accent)', padding: '8px 0' },
  '.cm-gutters': { backgroundColor: 'var(--editor-gutter)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--editor-active-line)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--accent)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': { backgroundColor: 'var(--editor-selection) !important' },
  // The current event's line in its task's colour (--task-N set by the task-N class); the
  // other live tasks' lines faintly, in theirs.
  '.cm-line.cm-exec-line': {
    backgroundColor: 'color-mix(in srgb, var(--task, var(--accent)) 18%, transparent)',
    boxShadow: 'inset 4px 0 0 var(--task, var(--accent))',
  },
  '.cm-line.cm-frame-line': {
    backgroundColor: 'color-mix(in srgb, var(--task, var(--accent)) 7%, transparent)',
    boxShadow: 'inset 4px 0 0 color-mix(in srgb, var(--task, var(--accent)) 45%, transparent)',
  },
  ...Object.fromEntries([...Array(8).keys()].map((k) => [`.cm-line.task-${k}`, { '--task': `var(--task-${k})` }])),
  '.cm-line.cm-error-line': { backgroundColor: 'var(--error-line)', boxShadow: 'inset 3px 0 0 var(--danger)' },
  '.cm-error-message': {
    display: 'block', margin: '2px 0 4px', padding: '3px 8px', borderRadius: '4px', fontFamily: 'var(--sans)',
    fontSize: '0.85em', color: 'var(--danger-text)', backgroundColor: 'var(--danger-bg)', whiteSpace: 'pre-wrap',
  },
});

/** The marks the app sets: the error line (with its message) and the executing line. */
const setMarks = StateEffect.define();

class ErrorWidget extends WidgetType {
  constructor(text) { super(); this.text = text; }
  eq(other) { return other.text === this.text; }
  toDOM() {
    const el = document.createElement('div');
    el.className = 'cm-error-message';
    el.setAttribute('role', 'note');
    el.textContent = this.text;
    return el;
  }
}

const marksField = StateField.define({
  create: () => ({ marks: { error: 0, errorText: '', exec: 0, execColour: 0, frames: [] }, deco: Decoration.none }),
  update(value, tr) {
    let marks = value.marks;
    for (const e of tr.effects) if (e.is(setMarks)) marks = e.value;
    if (marks === value.marks && !tr.docChanged) return value;
    return { marks, deco: buildDecorations(tr.state, marks) };
  },
  provide: (f) => EditorView.decorations.from(f, (v) => v.deco),
});

function buildDecorations(state, { error, errorText, exec, execColour, frames }) {
  const lines = state.doc.lines;
  const items = [];
  if (exec >= 1 && exec <= lines) {
    items.push([state.doc.line(exec).from, Decoration.line({ class: `cm-exec-line task-${execColour}`, attributes: { 'data-task-colour': String(execColour) } })]);
  }
  // One faint mark per other line (the first task at a line gives it its colour).
  const seen = new Set([exec, error]);
  for (let k = 0; k + 1 < (frames?.length ?? 0); k += 2) {
    const [line, colour] = [frames[k], frames[k + 1]];
    if (line < 1 || line > lines || seen.has(line)) continue;
    seen.add(line);
    items.push([state.doc.line(line).from, Decoration.line({ class: `cm-frame-line task-${colour}`, attributes: { 'data-task-colour': String(colour) } })]);
  }
  if (error >= 1 && error <= lines) {
    const line = state.doc.line(error);
    items.push([line.from, Decoration.line({ class: 'cm-error-line' })]);
    if (errorText) {
      items.push([line.to, Decoration.widget({ widget: new ErrorWidget(errorText), side: 1, block: true })]);
    }
  }
  items.sort((a, b) => a[0] - b[0] || (a[1].startSide ?? 0) - (b[1].startSide ?? 0));
  const builder = new RangeSetBuilder();
  for (const [pos, deco] of items) builder.add(pos, pos, deco);
  return builder.finish();
}

const editable = new Compartment();

/** Marks the page's own replacements of the text, which are not the user's edits. */
const external = Annotation.define();

/**
 * Creates an editor in `parent` holding `doc`. `onChange(text)` is called on every edit,
 * `onRun()` on Ctrl/Cmd+Enter. Returns the handle the other functions take.
 */
let lastView = null;

function create(parent, doc, onChange, onRun, label) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        indentUnit.of('    '),
        EditorState.tabSize.of(4),
        bracketMatching(),
        highlightActiveLine(),
        python(),
        syntaxHighlighting(highlight),
        theme,
        marksField,
        editable.of(EditorView.editable.of(true)),
        EditorView.contentAttributes.of({ 'aria-label': label || 'Python program', spellcheck: 'false', autocapitalize: 'off' }),
        keymap.of([
          { key: 'Mod-Enter', run: () => { onRun(); return true; }, preventDefault: true },
          ...defaultKeymap,
          ...historyKeymap,
          indentWithTab,
        ]),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !u.transactions.some((tr) => tr.annotation(external))) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  lastView = view;
  return view;
}

/** Replaces the whole text (a gallery entry, a knob, a share link) as one undoable change. */
function setDoc(view, doc) {
  if (view.state.doc.toString() === doc) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc }, annotations: external.of(true) });
}

function getDoc(view) {
  return view.state.doc.toString();
}

/**
 * Marks `error` (1-based line, 0 for none) with `errorText` below it, `exec` (the current
 * event's line) in task colour `execColour`, and `frames`: [line, colour, line, colour, …] of
 * the other live tasks, faintly.
 */
function mark(view, error, errorText, exec, execColour = 0, frames = []) {
  // The other tasks' lines, one per line (the first task at a line gives it its colour):
  // a thousand tasks at a few lines are a few marks.
  const seen = new Set([exec, error]);
  const faint = [];
  for (let k = 0; k + 1 < (frames?.length ?? 0); k += 2) {
    if (seen.has(frames[k])) continue;
    seen.add(frames[k]);
    faint.push(frames[k], frames[k + 1]);
  }
  const marks = { error, errorText, exec, execColour, frames: faint };
  // The same marks as now: no update. An update that redraws lines makes CodeMirror read the
  // DOM selection, which lays out the page the app has just changed, in the middle of a seek.
  const old = view.state.field(marksField).marks;
  const same = old.error === error && old.errorText === errorText && old.exec === exec && old.execColour === execColour
    && old.frames.length === faint.length && old.frames.every((v, i) => v === faint[i]);
  if (!same) view.dispatch({ effects: setMarks.of(marks) });
  const line = exec || error;
  if (line >= 1 && line <= view.state.doc.lines) {
    const pos = view.state.doc.line(line).from;
    // Whether the line is in sight is read in CodeMirror's measure phase (with the next frame),
    // not here: reading layout now would force the browser to lay out the page the app has
    // just changed, in the middle of every seek.
    view.requestMeasure({
      key: revealKey,
      read(v) {
        if (pos > v.state.doc.length) return null;
        const rect = v.coordsAtPos(pos);
        const box = v.scrollDOM.getBoundingClientRect();
        if (rect && rect.top >= box.top && rect.bottom <= box.bottom) return null;
        // Centre the line: where it is now (or, off the rendered viewport, where the height map puts it).
        const top = rect ? rect.top - box.top + v.scrollDOM.scrollTop : v.lineBlockAt(pos).top;
        return top - box.height / 2;
      },
      write(scrollTop, v) {
        if (scrollTop !== null) v.scrollDOM.scrollTop = Math.max(0, scrollTop);
      },
    });
  }
}

/** One pending "is the marked line in sight" measurement per editor (the latest wins). */
const revealKey = {};

function focus(view) {
  view.focus();
}

function destroy(view) {
  if (lastView === view) lastView = null;
  view.destroy();
}

/** The text of the page's editor (for tests and the console). */
function text() {
  return lastView ? lastView.state.doc.toString() : null;
}

window.InterleaveEditor = { create, setDoc, getDoc, mark, focus, destroy, text };
