/** Returns the TypeScript module text of the standalone validator for the given schema text. */
export function generateValidatorSource(schemaText: string): string;
