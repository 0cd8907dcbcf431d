// public/sandbox/: the scripts of the sandboxed run frame, served as plain files: the frame (here)
// and the runtime of the Worker it starts.

// Runs inside the sandboxed run frame (sandbox="allow-scripts": an opaque origin, no access to the
// page). Starts the user's code in a Worker, so an endless loop freezes nothing, relays its output to
// the page and stops it at the time limit. Plain JavaScript shipped as text: the frame cannot load
// scripts from the app's origin.
(function () {
  var worker = null;
  var post = function (message) { window.parent.postMessage(message, '*'); };
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'run' || worker) return;
    var url = URL.createObjectURL(new Blob([data.workerSource], { type: 'text/javascript' }));
    worker = new Worker(url);
    var stop = function () { clearTimeout(timer); worker.terminate(); };
    var timer = setTimeout(function () {
      worker.terminate();
      post({ type: 'exit', status: 'timeout' });
    }, data.timeoutMs);
    worker.onmessage = function (message) {
      post(message.data);
      if (message.data && message.data.type === 'exit') stop();
    };
    // Reached only by what the runtime cannot catch: the script as a whole failing to parse (a top-level
    // await, say). The event's line is the worker script's: map it back to the user's file.
    worker.onerror = function (error) {
      error.preventDefault();
      var spans = data.spans || {}, where = '';
      for (var path in spans) {
        if (spans[path][0] <= error.lineno && error.lineno <= spans[path][1]) where = ' (' + path + ':' + (error.lineno - spans[path][0] + 1) + ')';
      }
      var message = String(error.message || 'Error').replace(/^Uncaught /, '');
      post({ type: 'console', level: 'error', text: 'Uncaught ' + message + where });
      post({ type: 'exit', status: 'error' });
      stop();
    };
  });
  post({ type: 'ready' });
})();
