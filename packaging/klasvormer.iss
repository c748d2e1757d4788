; Inno Setup script for the Windows installer (issue 21.3). Build the folder first (`make dist` or
; `python packaging/build.py` on Windows), then:  ISCC.exe /DAppVersion=0.1.0 packaging\klasvormer.iss
; .github/workflows/dist.yml does both. Not tested on the development machine (Linux).
;
; Installs per user (no administrator rights needed) into the user's programs folder. Settings,
; recent files and autosave are not in the program folder (QSettings in HKCU\Software\Klasvormer,
; autosave in %APPDATA%\Klasvormer\Klasvormer\herstel): an upgrade or uninstall leaves them alone.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6E0F3B9A-2C4D-4E8B-9A57-4B1C2D3E5F60}
AppName=Klasvormer
AppVersion={#AppVersion}
AppPublisher=Klasvormer
DefaultDirName={autopf}\Klasvormer
DefaultGroupName=Klasvormer
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=klasvormer-{#AppVersion}-windows-x86_64-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\klasvormer-planner.exe

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole application folder; files of an older version that are gone now are removed first.
Source: "..\dist\klasvormer\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\Klasvormer"; Filename: "{app}\klasvormer-planner.exe"
Name: "{group}\{cm:UninstallProgram,Klasvormer}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Klasvormer"; Filename: "{app}\klasvormer-planner.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\klasvormer-planner.exe"; Description: "{cm:LaunchProgram,Klasvormer}"; Flags: nowait postinstall skipifsilent
