import packageJson from '../../package.json' with { type: 'json' };

export const PAMDESK_VERSION: string = packageJson.version;
