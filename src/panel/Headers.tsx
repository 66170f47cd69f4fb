import { t } from '../core/i18n';

/** Request or response headers, one row each. */
export function Headers({ headers }: { headers: readonly [string, string][] }) {
  if (headers.length === 0) return <p class="note">{t('headers_none')}</p>;
  return (
    <table class="headers">
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={i}>
            <th>{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
