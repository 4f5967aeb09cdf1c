; "Open with Clipbook" on Windows, without becoming the default for any type: each
; extension gets Clipbook's ProgID in its OpenWithProgids list, and the application lists
; the types it supports. The default value of HKCR\.ext (the default app) is never written.
; Included by build/electron-builder.config.ts (nsis.include); checked by
; test/unit/build/builder-config.test.ts against FILE_TYPES.
!define CLIPBOOK_PROGID "Clipbook.Document"
!define CLIPBOOK_APP_KEY "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}"

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\${CLIPBOOK_PROGID}" "" "Clipbook document"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${CLIPBOOK_PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${CLIPBOOK_PROGID}\shell\open" "" "Open with Clipbook"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${CLIPBOOK_PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  WriteRegStr SHELL_CONTEXT "${CLIPBOOK_APP_KEY}" "FriendlyAppName" "Clipbook"
  WriteRegStr SHELL_CONTEXT "${CLIPBOOK_APP_KEY}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  WriteRegStr SHELL_CONTEXT "Software\Classes\.txt\OpenWithProgids" "${CLIPBOOK_PROGID}" ""
  WriteRegStr SHELL_CONTEXT "${CLIPBOOK_APP_KEY}\SupportedTypes" ".txt" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\.html\OpenWithProgids" "${CLIPBOOK_PROGID}" ""
  WriteRegStr SHELL_CONTEXT "${CLIPBOOK_APP_KEY}\SupportedTypes" ".html" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\.htm\OpenWithProgids" "${CLIPBOOK_PROGID}" ""
  WriteRegStr SHELL_CONTEXT "${CLIPBOOK_APP_KEY}\SupportedTypes" ".htm" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\.md\OpenWithProgids" "${CLIPBOOK_PROGID}" ""
  WriteRegStr SHELL_CONTEXT "${CLIPBOOK_APP_KEY}\SupportedTypes" ".md" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\.eml\OpenWithProgids" "${CLIPBOOK_PROGID}" ""
  WriteRegStr SHELL_CONTEXT "${CLIPBOOK_APP_KEY}\SupportedTypes" ".eml" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\.pdf\OpenWithProgids" "${CLIPBOOK_PROGID}" ""
  WriteRegStr SHELL_CONTEXT "${CLIPBOOK_APP_KEY}\SupportedTypes" ".pdf" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\.docx\OpenWithProgids" "${CLIPBOOK_PROGID}" ""
  WriteRegStr SHELL_CONTEXT "${CLIPBOOK_APP_KEY}\SupportedTypes" ".docx" ""
  ; Tell Explorer the associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

!macro customUnInstall
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.txt\OpenWithProgids" "${CLIPBOOK_PROGID}"
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.html\OpenWithProgids" "${CLIPBOOK_PROGID}"
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.htm\OpenWithProgids" "${CLIPBOOK_PROGID}"
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.md\OpenWithProgids" "${CLIPBOOK_PROGID}"
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.eml\OpenWithProgids" "${CLIPBOOK_PROGID}"
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.pdf\OpenWithProgids" "${CLIPBOOK_PROGID}"
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.docx\OpenWithProgids" "${CLIPBOOK_PROGID}"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\${CLIPBOOK_PROGID}"
  DeleteRegKey SHELL_CONTEXT "${CLIPBOOK_APP_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend
