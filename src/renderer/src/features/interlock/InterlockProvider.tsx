import { useEffect, useState, type ReactNode } from 'react';
import { useServices } from '../../state';
import { InterlockContext } from './interlock-context';
import { InterlockController } from './interlock-controller';

/** Creates the interlock controller over the terminal's RPC client and keeps it following the host. */
export function InterlockProvider(props: { readonly children: ReactNode }) {
  const { client } = useServices();
  const [controller] = useState(() => new InterlockController(client));
  useEffect(() => {
    const binding = controller.bind();
    return () => binding.dispose();
  }, [controller]);
  return <InterlockContext.Provider value={controller}>{props.children}</InterlockContext.Provider>;
}
