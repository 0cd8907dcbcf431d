// The run worker's runtime. The worker source defines self.__modules (path -> module function: the
// user's code inlined, since the page's CSP forbids eval), self.__starts (path -> line where that
// module's body starts, to map error lines back) and self.__entry before this runs.
(function () {
  var modules = self.__modules, starts = self.__starts, entry = self.__entry;
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
  // Maps the first "line:column" of a stack to "file:line" in the user's file.
  var where = function (stack) {
    var match = /:(\d+):\d+\)?\s*(?:\n|$)/.exec(stack || '');
    if (!match) return '';
    var line = Number(match[1]), best = null;
    Object.keys(starts).forEach(function (path) {
      if (starts[path] <= line && (!best || starts[path] > best[1])) best = [path, starts[path]];
    });
    return best ? ' (' + best[0] + ':' + (line - best[1] + 1) + ')' : '';
  };
  var failed = false, pendingTimers = 0;
  var fail = function (error) {
    failed = true;
    var e = error instanceof Error ? error : new Error(show(error));
    post({ type: 'console', level: 'error', text: 'Uncaught ' + e.name + ': ' + e.message + where(e.stack) });
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
