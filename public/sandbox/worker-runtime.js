// The run worker's runtime. The worker source defines self.__modules (path -> module function: the
// user's code inlined, since the page's CSP forbids eval), self.__spans (path -> [first, last] line of
// that module's body, to map error lines back) and self.__entry before this runs.
(function () {
  var modules = self.__modules, spans = self.__spans, entry = self.__entry;
  var post = function (message) { self.postMessage(message); };
  var show = function (value) {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return value.name + ': ' + value.message;
    try {
      var json = JSON.stringify(value, function (_key, v) { return typeof v === 'bigint' ? v + 'n' : v; });
      return json === undefined ? String(value) : json;
    } catch (e) {
      return String(value);
    }
  };
  ['log', 'info', 'warn', 'error', 'debug'].forEach(function (level) {
    console[level] = function () {
      post({ type: 'console', level: level, text: Array.prototype.map.call(arguments, show).join(' ') });
    };
  });
  // The user's file and line of a line of this script; null for the runtime's own lines.
  var locate = function (line) {
    for (var path in spans) {
      if (spans[path][0] <= line && line <= spans[path][1]) return { file: path, line: line - spans[path][0] + 1 };
    }
    return null;
  };
  // A stack frame as V8 writes it ("    at fn (url:1:2)", "    at url:1:2") or Firefox and Safari ("fn@url:1:2").
  var FRAME_V8 = /^\s*at (?:(.*?) \()?(.*):(\d+):(\d+)\)?$/;
  var FRAME_OTHER = /^(.*?)@(.*):(\d+):(\d+)$/;
  // The stack's frames that are in the user's files, in the V8 form with the files' own names and lines.
  var frames = function (stack) {
    var out = [];
    String(stack || '').split('\n').forEach(function (raw) {
      var match = FRAME_V8.exec(raw) || FRAME_OTHER.exec(raw);
      var at = match && locate(Number(match[3]));
      if (!at) return;
      // A module's top level runs inside the function that wraps it: that name means nothing to the user.
      var name = match[1] && match[1].indexOf('__modules') === -1 ? match[1] : '';
      var place = at.file + ':' + at.line + ':' + match[4];
      out.push({ at: at, text: '    at ' + (name ? name + ' (' + place + ')' : place) });
    });
    return out;
  };
  var failed = false, pendingTimers = 0;
  // "Uncaught Name: message (file:line)" and then the stack's frames in the user's files, one per line.
  var fail = function (error) {
    failed = true;
    var e = error instanceof Error ? error : new Error(show(error));
    var stack = error instanceof Error ? frames(e.stack) : [];
    var where = stack.length ? ' (' + stack[0].at.file + ':' + stack[0].at.line + ')' : '';
    var lines = ['Uncaught ' + e.name + ': ' + e.message + where].concat(stack.map(function (f) { return f.text; }));
    post({ type: 'console', level: 'error', text: lines.join('\n') });
  };
  var realSetTimeout = self.setTimeout.bind(self);
  // The run ends once the entry module returned and no timer it started is pending.
  var finishIfIdle = function () {
    realSetTimeout(function () {
      if (pendingTimers === 0) post({ type: 'exit', status: failed ? 'error' : 'ok' });
    }, 0);
  };
  self.setTimeout = function (fn, ms) {
    pendingTimers++;
    return realSetTimeout(function () {
      pendingTimers--;
      try { fn(); } catch (error) { fail(error); } finally { finishIfIdle(); }
    }, ms);
  };
  self.addEventListener('unhandledrejection', function (event) {
    event.preventDefault();
    fail(event.reason);
    finishIfIdle();
  });
  var cache = {};
  var resolve = function (from, spec) {
    var base = from.split('/').slice(0, -1);
    spec.split('/').forEach(function (part) {
      if (part === '..') base.pop();
      else if (part !== '.') base.push(part);
    });
    var path = base.join('/');
    var candidates = [path, path + '.ts', path + '.tsx', path + '.js', path + '/index.ts', path + '/index.js'];
    for (var i = 0; i < candidates.length; i++) if (candidates[i] in modules) return candidates[i];
    return null;
  };
  var load = function (path) {
    if (cache[path]) return cache[path].exports;
    var module = { exports: {} };
    cache[path] = module;
    var require = function (spec) {
      var target = spec.charAt(0) === '.' ? resolve(path, spec) : null;
      if (!target) throw new Error("Cannot find module '" + spec + "' (only the session's own files can be required)");
      return load(target);
    };
    modules[path](module.exports, require, module);
    return module.exports;
  };
  try { load(entry); } catch (error) { fail(error); }
  finishIfIdle();
})();
