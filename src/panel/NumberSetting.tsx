/**
 * A setting that is a whole number within bounds, in its fieldset: the sentence comes from the
 * catalogue with `$input$` where the box goes, so that each language places it where it reads well.
 */
import { Interpolated } from '../ui/Interpolated';

export function NumberSetting(props: {
  legend: string;
  /** The sentence, with `$input$` where the box goes. */
  text: string;
  name: string;
  min: number;
  max: number;
  value: number | undefined;
  onChange(value: number): void;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <div class="setting-line">
        <Interpolated
          text={props.text}
          values={{
            input: (
              <input
                type="number"
                aria-label={props.legend}
                data-setting={props.name}
                min={props.min}
                max={props.max}
                value={props.value ?? ''}
                onChange={(e) => {
                  const value = Math.round(Number((e.currentTarget as HTMLInputElement).value));
                  if (Number.isFinite(value)) props.onChange(Math.min(props.max, Math.max(props.min, value)));
                }}
              />
            ),
          }}
        />
      </div>
    </fieldset>
  );
}
