/**
 * A replay rule's responses, edited: each one's status and Content-Type, and its chunks (when, in
 * milliseconds after the response opened, and what: text, or base64 for bytes that are not whole
 * UTF-8), a chunk deleted or one inserted after another. Save sends the whole rule to the worker,
 * which checks it (the editor closes once the worker kept it, and stays open with the edits if it
 * refused); Cancel leaves it as it was. The recording's text is shown as text, in textareas.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ReplayChunk, ReplayResponse, ReplayRule } from '../core/replay-rule';
import { replayRules } from '../ui/replay-rules';
import { t } from '../ui/text/catalogue';

/** Chunks shown per response: a long recording's editor stays usable; the rest are kept as they are. */
const SHOWN_CHUNKS = 500;

/** A chunk's text whole up to a few lines (a block is most often two or three), then scrolled. */
const rowsFor = (text: string) => Math.min(8, Math.max(2, text.split('\n').length - 1));

const typed = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;

function ChunkRow({
  chunk,
  index,
  onChange,
  onDelete,
  onInsert,
}: {
  chunk: ReplayChunk;
  index: number;
  onChange(chunk: ReplayChunk): void;
  onDelete(): void;
  onInsert(): void;
}) {
  const bytes = chunk.base64 !== undefined;
  return (
    <li data-chunk={index}>
      <input
        type="number"
        min={0}
        data-field="at"
        aria-label={t('replay_chunk_at')}
        title={t('replay_chunk_at')}
        value={chunk.at}
        onInput={(e) => onChange({ ...chunk, at: Number(typed(e)) })}
      />
      <textarea
        data-field={bytes ? 'base64' : 'text'}
        aria-label={bytes ? t('replay_chunk_base64') : t('replay_chunk_text')}
        title={bytes ? t('replay_chunk_base64') : t('replay_chunk_text')}
        spellcheck={false}
        rows={rowsFor(chunk.text ?? '')}
        value={chunk.text ?? chunk.base64 ?? ''}
        onInput={(e) => onChange(bytes ? { at: chunk.at, base64: typed(e) } : { at: chunk.at, text: typed(e) })}
      />
      <button type="button" class="icon" data-action="chunk-delete" title={t('replay_chunk_delete')} onClick={onDelete}>
        ✕
      </button>
      <button type="button" class="icon" data-action="chunk-insert" title={t('replay_chunk_insert')} onClick={onInsert}>
        +
      </button>
    </li>
  );
}

function ResponseFields({
  response,
  index,
  onChange,
}: {
  response: ReplayResponse;
  index: number;
  onChange(response: ReplayResponse): void;
}) {
  const chunks = response.chunks;
  const withChunks = (next: ReplayChunk[]) => onChange({ ...response, chunks: next });
  const insertAt = (at: number, time: number) =>
    withChunks([...chunks.slice(0, at), { at: time, text: '' }, ...chunks.slice(at)]);
  return (
    <fieldset data-response={index}>
      <legend>{t('replay_response', { n: index + 1 })}</legend>
      <label>
        {t('replay_status')}{' '}
        <input
          type="number"
          data-field="status"
          value={response.status}
          onInput={(e) => onChange({ ...response, status: Number(typed(e)) })}
        />
      </label>{' '}
      <label>
        {t('replay_content_type')}{' '}
        <input
          data-field="content-type"
          spellcheck={false}
          value={response.contentType}
          onInput={(e) => onChange({ ...response, contentType: typed(e) })}
        />
      </label>
      {chunks.length === 0 && (
        <button
          type="button"
          class="icon"
          data-action="chunk-insert"
          title={t('replay_chunk_insert')}
          onClick={() => insertAt(0, 0)}
        >
          +
        </button>
      )}
      <ol class="chunks">
        {chunks.slice(0, SHOWN_CHUNKS).map((chunk, i) => (
          <ChunkRow
            key={i}
            chunk={chunk}
            index={i}
            onChange={(next) => withChunks(chunks.map((old, j) => (j === i ? next : old)))}
            onDelete={() => withChunks(chunks.filter((_, j) => j !== i))}
            onInsert={() => insertAt(i + 1, chunk.at)}
          />
        ))}
      </ol>
      {chunks.length > SHOWN_CHUNKS && (
        <p class="note">{t('replay_chunks_cut', { shown: SHOWN_CHUNKS, total: chunks.length })}</p>
      )}
    </fieldset>
  );
}

export function ReplayRuleEditor({ rule, onClose }: { rule: ReplayRule; onClose(): void }) {
  const [responses, setResponses] = useState<ReplayResponse[]>(() => structuredClone(rule.responses));
  const [saving, setSaving] = useState(false);
  // Saved once the worker tells the rule back as kept; refused, the edits stay here to be put right.
  useEffect(() => {
    if (saving) onClose();
  }, [rule]);
  return (
    <form
      class="rule-editor"
      data-rule-editor={rule.id}
      aria-label={rule.name}
      onSubmit={(e) => {
        e.preventDefault();
        setSaving(true);
        replayRules.update({ ...rule, responses });
      }}
    >
      {responses.map((response, i) => (
        <ResponseFields
          key={i}
          response={response}
          index={i}
          onChange={(next) => setResponses(responses.map((old, j) => (j === i ? next : old)))}
        />
      ))}
      <div class="actions">
        <button type="submit" data-action="rule-save">
          {t('replay_save')}
        </button>
        <button type="button" data-action="rule-cancel" onClick={onClose}>
          {t('replay_cancel')}
        </button>
      </div>
    </form>
  );
}
