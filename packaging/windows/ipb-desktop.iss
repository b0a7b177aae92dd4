; Inno Setup script: turns dist\ipb-desktop\ (made by PyInstaller from packaging\ipb-desktop.spec on Windows) into
; one installer, ipb-desktop-setup-VERSION.exe. Installs for the current user only (no administrator needed),
; adds a Start menu entry, and makes .ipb budget stores open in ipb-desktop. See docs/RELEASING.md.
;   iscc /DVersion=0.1.0 packaging\windows\ipb-desktop.iss
#ifndef Version
  #define Version "0.1.0"
#endif

[Setup]
AppId={{6C7B3F0E-3C4B-4E62-9B59-2A1D7E0C9F41}
AppName=ipb-desktop
AppVersion={#Version}
AppPublisher=The ipb-desktop developers
DefaultDirName={localappdata}\Programs\ipb-desktop
DefaultGroupName=ipb-desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=ipb-desktop-setup-{#Version}
SetupIconFile=..\..\resources\icons\ipb-desktop.ico
UninstallDisplayIcon={app}\ipb-desktop.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
ArchitecturesInstallIn64BitMode=x64compatible
ArchitecturesAllowed=x64compatible

[Files]
Source: "..\..\dist\ipb-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{userprograms}\ipb-desktop"; Filename: "{app}\ipb-desktop.exe"; Comment: "Your integrated personal budget"
Name: "{userdesktop}\ipb-desktop"; Filename: "{app}\ipb-desktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Put an ipb-desktop icon on the desktop"; Flags: unchecked

[Registry]
; .ipb files are "Integrated personal budget store" and open in ipb-desktop (current user only).
Root: HKCU; Subkey: "Software\Classes\.ipb"; ValueType: string; ValueName: ""; ValueData: "IpbDesktop.Store"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\IpbDesktop.Store"; ValueType: string; ValueName: ""; ValueData: "Integrated personal budget store"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\IpbDesktop.Store\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\ipb-desktop.exe"",0"
Root: HKCU; Subkey: "Software\Classes\IpbDesktop.Store\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\ipb-desktop.exe"" ""%1"""

[Run]
Filename: "{app}\ipb-desktop.exe"; Description: "Open ipb-desktop now"; Flags: nowait postinstall skipifsilent

; Uninstalling removes the program only. Budget stores (in %LOCALAPPDATA%\ipb-desktop) and backups are never removed.
