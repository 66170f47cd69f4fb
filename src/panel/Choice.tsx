/** One setting as radio buttons: an option's key is its value, the text its label. */
export function Choice<T extends string>(props: {
  legend: string;
  name: string;
  value: T;
  options: Record<T, string>;
  onChange(value: T): void;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {(Object.keys(props.options) as T[]).map((option) => (
        <label key={option}>
          <input
            type="radio"
            name={props.name}
            value={option}
            checked={props.value === option}
            onChange={() => props.onChange(option)}
          />
          {props.options[option]}
        </label>
      ))}
    </fieldset>
  );
}
