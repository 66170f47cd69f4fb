/** An A2A stream: the JSON-RPC request and how its responses answered it, each task's states over time and artifacts, the messages. */

import type { A2aArtifact, A2aLog, A2aPart, A2aTask } from '../core/llm/a2a-task';
import { t } from '../ui/text/catalogue';
import { formatDuration, formatOffset } from '../ui/text/format';

function Request({ log }: { log: A2aLog }) {
  const { request } = log;
  if (!request) return null;
  return (
    <div class="a2a-request" data-a2a-request>
      <div class="mcp-head">
        <span class="muted">{t('mcp_sent')}</span>
        <strong data-a2a-method>{request.method}</strong>
        {request.rpcId !== undefined && <span>{t('detail_id', { id: request.rpcId })}</span>}
        <span class={log.answers > 0 ? 'muted' : 'warn'} data-a2a-answers>
          {log.firstAnswer !== undefined && log.lastAnswer !== undefined
            ? t('a2a_answered', {
                count: log.answers,
                first: formatDuration(log.firstAnswer - request.time),
                last: formatDuration(log.lastAnswer - request.time),
              })
            : t('mcp_no_answer')}
        </span>
      </div>
      {log.otherIds.length > 0 && (
        <p class="warn" data-a2a-other-ids>
          {t('a2a_other_ids', { ids: log.otherIds.join(', ') })}
        </p>
      )}
      <pre class="data">{request.params}</pre>
    </div>
  );
}

function Part({ part }: { part: A2aPart }) {
  if (part.kind !== 'file') return <pre class="data">{part.text}</pre>;
  return <p class="note">{t('a2a_file', { name: part.name ?? '–', type: part.mediaType ?? '–', where: part.text })}</p>;
}

function Artifact({ artifact, index }: { artifact: A2aArtifact; index: number }) {
  return (
    <div class="tool-call" data-a2a-artifact={index}>
      <div class="tool-head">
        <strong data-a2a-artifact-name>{artifact.name ?? artifact.artifactId}</strong>
        <span class="muted">{t('detail_id', { id: artifact.artifactId })}</span>
        <span class={artifact.lastChunk ? 'muted' : 'warn'} data-a2a-chunks>
          {t(artifact.lastChunk ? 'a2a_chunks_last' : 'a2a_chunks_open', { count: artifact.chunks })}
        </span>
      </div>
      {artifact.description !== undefined && <p class="muted">{artifact.description}</p>}
      {artifact.parts.map((part, i) => (
        <Part key={i} part={part} />
      ))}
    </div>
  );
}

function Task({ task, since }: { task: A2aTask; since: number }) {
  return (
    <section class="a2a-task" data-a2a-task={task.id}>
      <h4>{t('a2a_task', { id: task.id, context: task.contextId ?? '–' })}</h4>
      <ol class="agent-list" data-a2a-states>
        {task.states.map((status, i) => (
          <li key={i} data-a2a-state={status.state}>
            <span class="muted">{formatOffset(since, status.time)}</span> <strong>{status.state}</strong>
            {status.final === true && <span class="muted"> · {t('a2a_final')}</span>}
            {status.note !== undefined && <q> {status.note}</q>}
          </li>
        ))}
      </ol>
      {task.artifacts.length > 0 && <h4>{t('a2a_artifacts', { count: task.artifacts.length })}</h4>}
      {task.artifacts.map((artifact, i) => (
        <Artifact key={artifact.artifactId} artifact={artifact} index={i} />
      ))}
    </section>
  );
}

export function A2aView({ log, since }: { log: A2aLog; since: number }) {
  return (
    <div class="agent-run" data-a2a>
      <Request log={log} />
      {log.tasks.map((task) => (
        <Task key={task.id} task={task} since={since} />
      ))}
      {log.messages.length > 0 && (
        <section data-a2a-messages>
          <h4>{t('a2a_messages', { count: log.messages.length })}</h4>
          <ol class="agent-list">
            {log.messages.map((message, i) => (
              <li key={i} data-a2a-message={i}>
                <span class="muted">{message.role}</span> {message.text}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
