import { isMasked } from '../core/secrets';
import { t } from '../ui/text/catalogue';

/** Request or response headers, one row each; a masked secret says so. */
export function Headers({ headers }: { headers: readonly [string, string][] }) {
  if (headers.length === 0) return <p class="note">{t('headers_none')}</p>;
  return (
    <table class="headers">
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={i}>
            <th>{name}</th>
            {isMasked(value) ? (
              <td class="masked" data-masked title={t('secret_masked')}>
                {value}
              </td>
            ) : (
              <td>{value}</td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
