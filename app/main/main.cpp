// alpr-workstation: the desktop investigator workstation. A thin composition root: it builds the services and
// hands them to the windows.
#include "Clock.h"
#include "LoginDialog.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

using namespace alpr;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ALPR Workstation"));
    QApplication::setOrganizationName(QStringLiteral("alpr-workstation"));
    QApplication::setApplicationVersion(QStringLiteral(ALPR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "ALPR investigator workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("store"), QApplication::translate("main", "Open this local store."),
                      QApplication::translate("main", "PATH")});
    parser.process(app);

    SystemClock clock;
    LoginDialog login(clock, parser.value(QStringLiteral("store")));
    if (login.exec() != QDialog::Accepted)
        return 0;
    MainWindow window(login.takeVault());
    window.show();
    return QApplication::exec();
}
