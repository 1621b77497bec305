import './skeleton.css'
/** A placeholder of the size of what is loading, so the page does not jump when it arrives. */
export function Skeleton({
  height,
  width = '100%',
  className = '',
}: {
  height: number | string
  width?: number | string
  className?: string
}) {
  return <div className={`skeleton ${className}`} style={{ height, width }} aria-hidden="true" />
}
