// The page the inspector server serves at `/`. It reads the server's WebSocket and either hands
// each message to Stately's hosted viewer (https://stately.ai/inspect, in an iframe: needs the
// internet; the messages go to it by postMessage inside your browser), or, at `/?local`, draws a
// plain table of the live entities and their states itself (works offline). Either way a status
// line counts actors, messages and anything the server had to drop for this page.
export const STATELY_VIEWER = 'https://stately.ai/inspect';

export function viewerPage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>contactstate inspector</title>
<style>
  html, body { height: 100%; margin: 0; font: 14px system-ui, sans-serif; }
  body { display: flex; flex-direction: column; }
  header { padding: 4px 8px; border-bottom: 1px solid #ccc; }
  iframe { flex: 1; width: 100%; border: 0; }
  main { flex: 1; overflow: auto; padding: 8px; }
  table { border-collapse: collapse; } th, td { text-align: left; padding: 2px 12px 2px 0; }
</style>
</head>
<body>
<header role="status"><span id="status">connecting…</span> · <a id="mode"></a></header>
<script type="module">
const local = new URLSearchParams(location.search).has('local');
const mode = document.getElementById('mode');
mode.textContent = local ? 'Stately viewer (needs the internet)' : 'local table (offline)';
mode.href = local ? '/' : '/?local';
const counts = { actors: new Set(), messages: 0, dropped: 0, closed: false };
const showStatus = () => {
  document.getElementById('status').textContent =
    (counts.closed ? 'disconnected' : 'live') + ' · ' + counts.actors.size + ' actors · ' + counts.messages + ' messages' +
    (counts.dropped ? ' · ' + counts.dropped + ' dropped while this page was behind (current snapshots resent)' : '');
};
const definitions = new Map();
const deliver = local ? tableView() : statelyView();
const socket = new WebSocket('ws://' + location.host + '/');
socket.onclose = () => { counts.closed = true; showStatus(); };
socket.onmessage = (message) => {
  const data = JSON.parse(message.data);
  if (data.type === 'contactstate.definition') { definitions.set(data.name, data.definition); return; }
  if (data.type === 'contactstate.dropped') { counts.dropped += data.count; showStatus(); return; }
  if (data.type === '@xstate.actor') {
    counts.actors.add(data.sessionId);
    data.definition = definitions.get(data.definitionOf);
    delete data.definitionOf;
  }
  counts.messages++;
  showStatus();
  deliver(data);
};

function statelyView() {
  const frame = document.createElement('iframe');
  frame.title = 'Stately inspector';
  frame.src = '${STATELY_VIEWER}';
  document.body.append(frame);
  const waiting = [];
  // The viewer says it is ready from inside the frame; the events go to that frame's origin only.
  let origin;
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.data?.type !== '@statelyai.connected') return;
    origin = event.origin;
    for (const data of waiting.splice(0)) frame.contentWindow.postMessage(data, origin);
  });
  return (data) => (origin ? frame.contentWindow.postMessage(data, origin) : waiting.push(data));
}

function tableView() {
  const main = document.createElement('main');
  main.innerHTML = '<table><thead><tr><th>entity</th><th>state</th><th>last event</th></tr></thead><tbody></tbody></table>';
  document.body.append(main);
  const body = main.querySelector('tbody');
  const rows = new Map();
  const names = new Map();
  return (data) => {
    if (data.type === '@xstate.actor') names.set(data.sessionId, data.name);
    if (data.type !== '@xstate.snapshot') return;
    let row = rows.get(data.sessionId);
    if (!row) {
      row = body.insertRow();
      for (let cell = 0; cell < 3; cell++) row.insertCell();
      row.cells[0].textContent = names.get(data.sessionId) ?? data.sessionId;
      rows.set(data.sessionId, row);
    }
    row.cells[1].textContent = JSON.stringify(data.snapshot.value);
    row.cells[2].textContent = data.event.type;
  };
}
</script>
</body>
</html>
`;
}
