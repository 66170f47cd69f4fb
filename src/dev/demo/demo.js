// The demo page: MDN's EventSource example, and a chat room. Only on* properties for the first,
// as in MDN's example; addEventListener for the chat's named events.
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
