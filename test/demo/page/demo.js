// The demo page: MDN's EventSource example, a chat room, and an assistant. Only on* properties for
// the first, as in MDN's example; addEventListener for the chat's named events; the assistant POSTs
// a chat completion request and reads the streamed answer with fetch, as LLM apps do.
const add = (list, text, className) => {
  const item = document.createElement('li');
  item.textContent = text;
  if (className) item.className = className;
  list.append(item);
  list.scrollTop = list.scrollHeight;
};
const showState = (es, id) => {
  const names = ['connecting', 'open', 'closed'];
  document.getElementById(id).textContent = `(${names[es.readyState]})`;
};

const pingList = document.getElementById('ping');
const evtSource = new EventSource('/sse/ping');
evtSource.onopen = () => showState(evtSource, 'ping-state');
evtSource.onerror = () => showState(evtSource, 'ping-state');
evtSource.onmessage = (event) => add(pingList, `message: ${event.data}`);
evtSource.addEventListener('ping', (event) => {
  const { time } = JSON.parse(event.data);
  add(pingList, `ping at ${time}`);
});

const chatList = document.getElementById('chat');
const chat = new EventSource('/sse/chat');
chat.addEventListener('open', () => showState(chat, 'chat-state'));
chat.addEventListener('error', () => showState(chat, 'chat-state'));
chat.addEventListener('system', (event) => add(chatList, event.data, 'system'));
chat.addEventListener('userconnect', (event) => add(chatList, `→ ${JSON.parse(event.data).user} joined`, 'system'));
chat.addEventListener('userdisconnect', (event) => add(chatList, `← ${JSON.parse(event.data).user} left`, 'system'));
chat.addEventListener('usermessage', (event) => {
  const { user, text } = JSON.parse(event.data);
  add(chatList, `${user}: ${text}`);
});

const answer = document.getElementById('answer');
async function ask(question) {
  answer.textContent = '';
  const response = await fetch('/v1/chat/completions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer sk-demo-not-a-real-key' },
    body: JSON.stringify({ model: 'demo-1', stream: true, messages: [{ role: 'user', content: question }] }),
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop();
    for (const block of blocks) {
      const data = block.replace(/^data: /, '');
      if (data !== '[DONE]') answer.textContent += JSON.parse(data).choices[0].delta.content ?? '';
    }
  }
}
document.getElementById('ask').addEventListener('submit', (event) => {
  event.preventDefault();
  ask(document.getElementById('question').value);
});
setTimeout(() => ask(document.getElementById('question').value), 1000);
