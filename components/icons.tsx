/** Small stroke icons drawn inline, so the UI needs no icon font or extra package. */
type IconProps = { size?: number };

function Svg({ size = 14, children }: IconProps & { children: React.ReactNode }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {children}
    </svg>
  );
}

export const PlusIcon = (p: IconProps) => <Svg {...p}><path d="M8 3v10M3 8h10" /></Svg>;
export const PencilIcon = (p: IconProps) => <Svg {...p}><path d="M11 2.5l2.5 2.5L6 12.5H3.5V10z" /></Svg>;
export const TrashIcon = (p: IconProps) => <Svg {...p}><path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" /></Svg>;
export const FileIcon = (p: IconProps) => <Svg {...p}><path d="M4 1.5h5l3 3v10H4z M9 1.5v3h3" /></Svg>;
export const ShareIcon = (p: IconProps) => <Svg {...p}><path d="M8 10V2M5 5l3-3 3 3M3 9v4.5h10V9" /></Svg>;
export const CopyIcon = (p: IconProps) => <Svg {...p}><path d="M5.5 5.5h8v8h-8zM10.5 5.5v-3h-8v8h3" /></Svg>;
export const EyeIcon = (p: IconProps) => <Svg {...p}><path d="M1.5 8s2.5-4.5 6.5-4.5S14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" /><circle cx="8" cy="8" r="2" /></Svg>;
export const SparkIcon = (p: IconProps) => <Svg {...p}><path d="M8 1.5l1.6 4.9 4.9 1.6-4.9 1.6L8 14.5l-1.6-4.9L1.5 8l4.9-1.6z" /></Svg>;
export const GearIcon = (p: IconProps) => <Svg {...p}><circle cx="8" cy="8" r="2.2" /><path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" /></Svg>;
export const KeyboardIcon = (p: IconProps) => <Svg {...p}><path d="M1.5 4h13v8h-13z M4 6.5h.5M7 6.5h.5M10 6.5h.5M5 9.5h6" /></Svg>;
export const MenuIcon = (p: IconProps) => <Svg {...p}><path d="M2.5 4h11M2.5 8h11M2.5 12h11" /></Svg>;
export const HistoryIcon = (p: IconProps) => <Svg {...p}><path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9M2.5 2.5v2.5H5M8 5v3l2 1.5" /></Svg>;
export const DownloadIcon = (p: IconProps) => <Svg {...p}><path d="M8 2v8M5 7l3 3 3-3M3 11v2.5h10V11" /></Svg>;
export const UploadIcon = (p: IconProps) => <Svg {...p}><path d="M8 10V2M5 5l3-3 3 3M3 11v2.5h10V11" /></Svg>;
