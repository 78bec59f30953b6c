import { lintText } from '../src/api';
const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "p\nspec: {}\n---\napiVersion: v1\nkind: Pod\nmetadata: [a, b\n';
console.log(lintText([{ file: 'test.yaml', text }], { rules: {} }).findings.map(f=>[f.line,f.column,f.message]));
const {parseAllDocuments}=require('yaml'); console.log(parseAllDocuments(text).map((d:any)=>d.errors.map((e:any)=>e.message.split('\n')[0])));
