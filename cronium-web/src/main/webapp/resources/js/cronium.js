/* Live console pages: the WebSocket only says "run N changed"; the page then asks the server for what is new.
   One request at a time per page: changes that arrive meanwhile are merged into one more request. */
var cronium = cronium || {};

cronium.live = function (refresh, wanted) {
    var busy = false;
    var again = false;
    var page = {
        changed: function (message) {
            if (wanted && !wanted(message)) {
                return;
            }
            if (busy) {
                again = true;
                return;
            }
            busy = true;
            refresh();
        },
        done: function () {
            busy = false;
            if (again) {
                again = false;
                page.changed(null);
            }
        }
    };
    return page;
};

/* Appends output chunks (JSON [{stream, lines}]) to a <pre>, as text, never as markup. */
cronium.appendOutput = function (preId, json) {
    if (!json) {
        return;
    }
    var pre = document.getElementById(preId);
    var atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
    JSON.parse(json).forEach(function (chunk) {
        chunk.lines.forEach(function (line) {
            var span = document.createElement('span');
            span.className = 'line line-' + chunk.stream;
            span.textContent = line + '\n';
            pre.appendChild(span);
        });
    });
    if (atBottom) {
        pre.scrollTop = pre.scrollHeight;
    }
};
