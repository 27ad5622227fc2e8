/* The workflow canvas. Events are dragged from the palette onto the canvas as nodes, nodes are moved by dragging,
   and connected by dragging from a node's port (the dot on its right) onto another node; the edges are listed
   under the canvas, where their type and condition are chosen. The graph stays in the page until it is saved: it is
   written as JSON ({nodes: [{id, eventId, x, y}], edges: [{from, to, type, condition}]}) into a hidden field of the
   form. Read-only, the canvas shows a run: each node coloured by its step's status. Text is set as text, never as
   markup. */
var cronium = cronium || {};

cronium.canvas = function (options) {
    var TYPES = ['ON_SUCCESS', 'ON_FAILURE', 'ALWAYS', 'ON_CONDITION'];
    var canvas = document.getElementById(options.canvas);
    var svgNs = 'http://www.w3.org/2000/svg';
    var graph = JSON.parse(options.graph || canvas.getAttribute('data-graph') || '{"nodes":[],"edges":[]}');
    var names = options.names || JSON.parse(canvas.getAttribute('data-names') || '{}');
    var statuses = {};
    var counter = graph.nodes.length;

    function nodeById(id) {
        return graph.nodes.filter(function (n) { return n.id === id; })[0];
    }

    function freshId() {
        var id;
        do {
            counter++;
            id = 'n' + counter;
        } while (nodeById(id));
        return id;
    }

    function save() {
        if (options.field) {
            document.getElementById(options.field).value = JSON.stringify(graph);
        }
    }

    function element(tag, className, text) {
        var e = document.createElement(tag);
        if (className) {
            e.className = className;
        }
        if (text !== undefined) {
            e.textContent = text;
        }
        return e;
    }

    function render() {
        canvas.textContent = '';
        var svg = document.createElementNS(svgNs, 'svg');
        svg.setAttribute('class', 'wf-edges');
        canvas.appendChild(svg);
        graph.nodes.forEach(function (n) {
            var box = element('div', 'wf-node' + (statuses[n.id] ? ' wf-status-' + statuses[n.id] : ''));
            box.id = options.canvas + '-node-' + n.id;
            box.setAttribute('data-node', n.id);
            box.style.left = n.x + 'px';
            box.style.top = n.y + 'px';
            box.appendChild(element('span', 'wf-node-name', names[n.eventId] || ('event ' + n.eventId)));
            box.appendChild(element('span', 'wf-node-key', n.id));
            if (statuses[n.id]) {
                box.appendChild(element('span', 'wf-node-status', statuses[n.id]));
            }
            if (!options.readOnly) {
                var port = element('span', 'wf-port');
                port.title = 'Drag onto another node to connect';
                box.appendChild(port);
                var remove = element('button', 'wf-remove', '×');
                remove.type = 'button';
                remove.title = 'Remove this node';
                remove.addEventListener('click', function () {
                    graph.nodes = graph.nodes.filter(function (o) { return o !== n; });
                    graph.edges = graph.edges.filter(function (e) { return e.from !== n.id && e.to !== n.id; });
                    changed();
                });
                box.appendChild(remove);
            }
            canvas.appendChild(box);
        });
        graph.edges.forEach(function (e) {
            var a = document.getElementById(options.canvas + '-node-' + e.from);
            var b = document.getElementById(options.canvas + '-node-' + e.to);
            if (!a || !b) {
                return;
            }
            var x1 = a.offsetLeft + a.offsetWidth, y1 = a.offsetTop + a.offsetHeight / 2;
            var x2 = b.offsetLeft, y2 = b.offsetTop + b.offsetHeight / 2;
            var line = document.createElementNS(svgNs, 'line');
            line.setAttribute('x1', x1);
            line.setAttribute('y1', y1);
            line.setAttribute('x2', x2);
            line.setAttribute('y2', y2);
            line.setAttribute('class', 'wf-edge wf-edge-' + e.type);
            line.setAttribute('marker-end', 'url(#' + options.canvas + '-arrow)');
            svg.appendChild(line);
            var label = document.createElementNS(svgNs, 'text');
            label.setAttribute('x', (x1 + x2) / 2);
            label.setAttribute('y', (y1 + y2) / 2 - 4);
            label.setAttribute('class', 'wf-edge-label');
            var text = e.type === 'ON_CONDITION' ? (e.condition || '?') : e.type;
            label.textContent = text.length > 28 ? text.substring(0, 27) + '…' : text;
            svg.appendChild(label);
        });
        var defs = document.createElementNS(svgNs, 'defs');
        var marker = document.createElementNS(svgNs, 'marker');
        marker.setAttribute('id', options.canvas + '-arrow');
        marker.setAttribute('markerWidth', '10');
        marker.setAttribute('markerHeight', '8');
        marker.setAttribute('refX', '10');
        marker.setAttribute('refY', '4');
        marker.setAttribute('orient', 'auto');
        var tip = document.createElementNS(svgNs, 'path');
        tip.setAttribute('d', 'M0,0 L10,4 L0,8 z');
        marker.appendChild(tip);
        defs.appendChild(marker);
        svg.appendChild(defs);
        if (options.edges) {
            renderEdgeList();
        }
    }

    function renderEdgeList() {
        var list = document.getElementById(options.edges);
        list.textContent = '';
        if (!graph.edges.length) {
            list.appendChild(element('p', 'hint', 'No connections yet: drag from a node\'s dot onto another node.'));
            return;
        }
        graph.edges.forEach(function (e, i) {
            var row = element('div', 'wf-edge-row');
            row.id = options.edges + '-' + i;
            row.appendChild(element('span', 'wf-edge-ends', e.from + ' → ' + e.to));
            var type = element('select', 'wf-edge-type');
            type.id = options.edges + '-' + i + '-type';
            TYPES.forEach(function (t) {
                var option = element('option', null, t);
                option.value = t;
                option.selected = t === e.type;
                type.appendChild(option);
            });
            type.addEventListener('change', function () {
                e.type = type.value;
                if (e.type !== 'ON_CONDITION') {
                    delete e.condition;
                }
                changed();
            });
            row.appendChild(type);
            var condition = element('input', 'wf-edge-condition');
            condition.id = options.edges + '-' + i + '-condition';
            condition.placeholder = 'e.g. exitCode == 0 and output.ok == true';
            condition.value = e.condition || '';
            condition.disabled = e.type !== 'ON_CONDITION';
            condition.addEventListener('change', function () {
                e.condition = condition.value;
                changed();
            });
            row.appendChild(condition);
            var remove = element('button', 'wf-remove-edge', 'Remove');
            remove.type = 'button';
            remove.addEventListener('click', function () {
                graph.edges.splice(i, 1);
                changed();
            });
            row.appendChild(remove);
            list.appendChild(row);
        });
    }

    function changed() {
        render();
        save();
    }

    function canvasPoint(event) {
        var r = canvas.getBoundingClientRect();
        return {x: Math.max(0, Math.round(event.clientX - r.left)), y: Math.max(0, Math.round(event.clientY - r.top))};
    }

    function inside(event) {
        var r = canvas.getBoundingClientRect();
        return event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom;
    }

    /* One drag at a time, with mouse events (what a browser and a WebDriver both produce). */
    function drag(start, move, end) {
        function onMove(event) {
            event.preventDefault();
            move(event);
        }
        function onUp(event) {
            document.removeEventListener('mousemove', onMove);
            document.removeEventListener('mouseup', onUp);
            end(event);
        }
        document.addEventListener('mousemove', onMove);
        document.addEventListener('mouseup', onUp);
        start();
    }

    if (!options.readOnly) {
        document.querySelectorAll('#' + options.palette + ' .wf-palette-item').forEach(function (item) {
            item.addEventListener('mousedown', function (down) {
                down.preventDefault();
                var ghost = element('div', 'wf-node wf-ghost', item.getAttribute('data-name'));
                drag(function () {
                    ghost.style.position = 'fixed';
                    ghost.style.left = down.clientX + 'px';
                    ghost.style.top = down.clientY + 'px';
                    document.body.appendChild(ghost);
                }, function (event) {
                    ghost.style.left = event.clientX + 'px';
                    ghost.style.top = event.clientY + 'px';
                }, function (event) {
                    ghost.remove();
                    if (inside(event)) {
                        var at = canvasPoint(event);
                        var eventId = Number(item.getAttribute('data-event'));
                        names[eventId] = item.getAttribute('data-name');
                        graph.nodes.push({id: freshId(), eventId: eventId, x: at.x, y: at.y});
                        changed();
                    }
                });
            });
        });

        canvas.addEventListener('mousedown', function (down) {
            var box = down.target.closest('.wf-node');
            if (!box || down.target.classList.contains('wf-remove')) {
                return;
            }
            down.preventDefault();
            var node = nodeById(box.getAttribute('data-node'));
            if (down.target.classList.contains('wf-port')) {
                var svg = canvas.querySelector('svg');
                var line = document.createElementNS(svgNs, 'line');
                line.setAttribute('class', 'wf-edge wf-edge-drawing');
                drag(function () {
                    var from = canvasPoint(down);
                    line.setAttribute('x1', from.x);
                    line.setAttribute('y1', from.y);
                    line.setAttribute('x2', from.x);
                    line.setAttribute('y2', from.y);
                    svg.appendChild(line);
                }, function (event) {
                    var to = canvasPoint(event);
                    line.setAttribute('x2', to.x);
                    line.setAttribute('y2', to.y);
                }, function (event) {
                    line.remove();
                    var under = document.elementFromPoint(event.clientX, event.clientY);
                    var target = under && under.closest('.wf-node');
                    var to = target && target.getAttribute('data-node');
                    var exists = graph.edges.some(function (e) { return e.from === node.id && e.to === to; });
                    if (to && to !== node.id && !exists) {
                        graph.edges.push({from: node.id, to: to, type: 'ON_SUCCESS'});
                        changed();
                    }
                });
                return;
            }
            var offset = {x: down.clientX - box.offsetLeft, y: down.clientY - box.offsetTop};
            drag(function () {}, function (event) {
                node.x = Math.max(0, Math.round(event.clientX - offset.x));
                node.y = Math.max(0, Math.round(event.clientY - offset.y));
                box.style.left = node.x + 'px';
                box.style.top = node.y + 'px';
            }, function () {
                changed();
            });
        });
    }

    /* Nodes without a place (a run's graph) are laid out by depth: start nodes left, each step right of its source. */
    function layout() {
        var depth = {};
        graph.nodes.forEach(function (n) { depth[n.id] = 0; });
        for (var pass = 0; pass < graph.nodes.length; pass++) {
            graph.edges.forEach(function (e) {
                if (depth[e.to] < depth[e.from] + 1) {
                    depth[e.to] = depth[e.from] + 1;
                }
            });
        }
        var rows = {};
        graph.nodes.forEach(function (n) {
            if (n.x === undefined || n.y === undefined) {
                var row = rows[depth[n.id]] = (rows[depth[n.id]] || 0) + 1;
                n.x = 30 + depth[n.id] * 260;
                n.y = 20 + (row - 1) * 90;
            }
        });
    }

    layout();
    render();
    save();
    return {
        /* A run's step statuses by node id, shown on the nodes. */
        show: function (stepStatuses) {
            statuses = stepStatuses || {};
            render();
        }
    };
};
